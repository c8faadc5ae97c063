#!/usr/bin/env python3
"""Writes a large monstack.yml for the benchmark.

make-spec.py SERVICES OUT [--hosts-per-static N] [--dns-every K] [--metrics N]
  SERVICES services in all; every K-th one is DNS-discovered, the others have N static hosts
  each; the first --metrics services carry 4 custom metrics (counter, gauge, histogram, summary).
Default for 2000: 20,000 static hosts (10 per static service, every 10th service on DNS) and
500 services with custom metrics.
"""
import argparse

p = argparse.ArgumentParser()
p.add_argument("services", type=int)
p.add_argument("out")
p.add_argument("--dns-every", type=int, default=10)
p.add_argument("--static-hosts", type=int, default=None, help="static hosts in all (default 10 per service)")
p.add_argument("--metrics", type=int, default=None, help="services with custom metrics (default services/4)")
a = p.parse_args()

runtimes = ["go", "spring-boot", "quarkus", "micronaut", "node", "python", "dotnet", "other"]
n_dns = len(range(0, a.services, a.dns_every))
n_static = a.services - n_dns
total_hosts = a.static_hosts if a.static_hosts is not None else 10 * a.services
with_metrics = a.metrics if a.metrics is not None else a.services // 4
per = max(1, total_hosts // max(1, n_static))
extra = total_hosts - per * n_static

lines = ["name: bench", "prometheus: {scrapeInterval: 15s}", "targets:"]
static_seen = 0
for i in range(a.services):
    rt = runtimes[i % len(runtimes)]
    lines.append(f"  - name: svc-{i:05d}")
    lines.append(f"    runtime: {rt}")
    if i % a.dns_every == 0:
        lines.append(f"    dns: {{names: [svc-{i:05d}], type: A, port: 8080}}")
    else:
        count = per + (1 if static_seen < extra else 0)
        static_seen += 1
        hosts = ", ".join(f"svc-{i:05d}-{h}:8080" for h in range(count))
        lines.append(f"    static: [{hosts}]")
    if i % 7 == 0:
        lines.append("    scrapeInterval: 30s")
        lines.append(f"    labels: {{team: team-{i % 13}, tier: \"back end\"}}")
    if i < with_metrics:
        lines.append("    metrics:")
        lines.append(f"      - {{name: svc_{i}_requests_total, type: counter, help: \"requests served\"}}")
        lines.append(f"      - {{name: svc_{i}_queue_depth, type: gauge}}")
        lines.append(f"      - {{name: svc_{i}_duration_seconds, type: histogram}}")
        lines.append(f"      - {{name: svc_{i}_payload_bytes, type: summary}}")
with open(a.out, "w") as f:
    f.write("\n".join(lines) + "\n")

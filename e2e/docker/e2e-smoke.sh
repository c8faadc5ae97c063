#!/usr/bin/env bash
# e2e-smoke.sh
#
# Manual proof that the Docker e2e machinery works on a real engine, no pulls:
#   1. start-dockerd.sh with {"metrics-addr":"0.0.0.0:9323"} (engine metrics endpoint),
#   2. make-standins.sh (Prometheus/Grafana/app stand-in base images),
#   3. a hand-made compose file (no `version:`): prometheus built FROM the stand-in with
#      COPY --chown=nobody:nobody prometheus.yml, scraping itself, the engine via
#      host.docker.internal:9323 (extra_hosts host-gateway) and `app` via dns_sd A
#      records; app scaled to 3 (init: true); grafana built FROM its stand-in with a
#      provisioning file; healthchecks, depends_on service_healthy, a named volume,
#   4. `docker compose up -d --build --scale app=3` (Compose v2 + buildx, the plugins from
#      scripts/upstream-tools.sh's cache in a DOCKER_CONFIG of the script's own), then polls Prometheus's HTTP API
#      (127.0.0.1:19090) until 3 app targets and the docker target are up and an
#      engine_daemon_* series exists (bounded, SMOKE_TIMEOUT s, default 60).
# Always cleans up (trap): docker compose down -v -t 1, stop dockerd by PID.
# The Prometheus stand-in carries the cache's Prometheus 3.x (PROMETHEUS_BIN/PROMTOOL_BIN override it).
# Env: PROM_IMAGE, GRAFANA_IMAGE, APP_IMAGE (stand-in tags), SMOKE_TIMEOUT.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
prom_image=${PROM_IMAGE:-prom/prometheus:v3.5.0}
grafana_image=${GRAFANA_IMAGE:-grafana/grafana:12.2.1}
app_image=${APP_IMAGE:-local/metrics-app:test}
timeout=${SMOKE_TIMEOUT:-60}
prom_url=http://127.0.0.1:19090
t0=$EPOCHREALTIME

tools_cache=${MONSTACK_TEST_TOOLS:-/var/cache/monstack-test-tools}
for tool in dockerd docker curl jq "$tools_cache/docker-cli-plugins/docker-compose"; do
  command -v "$tool" >/dev/null || { echo "missing $tool (scripts/test-deps.sh)" >&2; exit 2; }
done
export PROMETHEUS_BIN=${PROMETHEUS_BIN:-$tools_cache/prometheus/root/usr/bin/prometheus}
export PROMTOOL_BIN=${PROMTOOL_BIN:-$tools_cache/promtool/root/usr/bin/promtool}

work=$(mktemp -d /tmp/monstack-smoke.XXXXXX)
state=$work/engine
proj=$work/project
export COMPOSE_PROJECT_NAME=monstack-smoke
export DOCKER_CONFIG=$work/docker-config
mkdir -p "$DOCKER_CONFIG"
ln -s "$tools_cache/docker-cli-plugins" "$DOCKER_CONFIG/cli-plugins"
compose=(docker compose --ansi never -f "$proj/compose.yaml" --project-directory "$proj")
compose_started=false

elapsed() { awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1fs", b - a }'; }
log() { echo "[smoke $(elapsed)] $*"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [[ $compose_started == true ]]; then
    if ((rc != 0)); then
      log "FAILED (rc=$rc); compose ps and logs:"
      "${compose[@]}" ps
      "${compose[@]}" logs --tail=20
    fi
    "${compose[@]}" down -v -t 1 --rmi local --remove-orphans >/dev/null 2>&1 ||
      echo "docker compose down failed" >&2
  fi
  "$here/stop-dockerd.sh" "$state"
  rm -rf "$work"
  log "cleanup done, exit $rc"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- engine
mkdir -p "$state"
printf '{"metrics-addr":"0.0.0.0:9323"}\n' >"$state/daemon.json"
"$here/start-dockerd.sh" "$state/daemon.json" "$state"
log "engine up"

"$here/make-standins.sh" "$prom_image" "$grafana_image" "$app_image"
log "stand-ins built"

# ---------------------------------------------------------------- project
mkdir -p "$proj/prometheus" "$proj/grafana/provisioning/datasources"
cat >"$proj/prometheus/Dockerfile" <<DOCKERFILE
FROM $prom_image
COPY --chown=nobody:nobody prometheus.yml /etc/prometheus/prometheus.yml
DOCKERFILE
cat >"$proj/prometheus/prometheus.yml" <<'YAML'
global:
  scrape_interval: 5s
  evaluation_interval: 5s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ["localhost:9090"]
  - job_name: docker
    static_configs:
      - targets: ["host.docker.internal:9323"]
  - job_name: app
    dns_sd_configs:
      - names: [app]
        type: A
        port: 80
        refresh_interval: 5s
YAML
cat >"$proj/grafana/Dockerfile" <<DOCKERFILE
FROM $grafana_image
COPY provisioning/ /etc/grafana/provisioning/
DOCKERFILE
cat >"$proj/grafana/provisioning/datasources/prometheus.yaml" <<'YAML'
apiVersion: 1
datasources:
  - name: Prometheus
    type: prometheus
    access: proxy
    url: http://prometheus:9090
    isDefault: true
YAML
cat >"$proj/compose.yaml" <<'YAML'
services:
  prometheus:
    build: ./prometheus
    ports:
      - "127.0.0.1:19090:9090"
    extra_hosts:
      - "host.docker.internal:host-gateway"
    volumes:
      - prometheus-data:/prometheus
    depends_on:
      - app
    healthcheck:
      test: ["CMD", "wget", "-q", "--spider", "http://localhost:9090/-/healthy"]
      interval: 2s
      timeout: 2s
      retries: 15
  app:
    image: local/metrics-app:test
    init: true
  grafana:
    build: ./grafana
    depends_on:
      prometheus:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost:3000/api/health"]
      interval: 2s
      timeout: 2s
      retries: 15
volumes:
  prometheus-data:
YAML
sed -i "s|image: local/metrics-app:test|image: $app_image|" "$proj/compose.yaml"

"${compose[@]}" config -q
log "compose config valid"
compose_started=true
"${compose[@]}" up -d --build --scale app=3
log "compose up done"

# ---------------------------------------------------------------- checks
# Poll the targets API; tolerate empty/non-JSON answers right after start.
deadline=$((SECONDS + timeout))
while :; do
  targets=$(curl -fsS "$prom_url/api/v1/targets" 2>/dev/null || true)
  series=$(curl -fsS "$prom_url/api/v1/query" \
    --data-urlencode 'query=count({__name__=~"engine_daemon_.+",job="docker"})' 2>/dev/null || true)
  app_up=$(jq -r '[.data.activeTargets[] | select(.labels.job=="app" and .health=="up")] | length' \
    <<<"$targets" 2>/dev/null || echo 0)
  docker_up=$(jq -r '[.data.activeTargets[] | select(.labels.job=="docker" and .health=="up")] | length' \
    <<<"$targets" 2>/dev/null || echo 0)
  engine_series=$(jq -r '.data.result[0].value[1] // 0' <<<"$series" 2>/dev/null || echo 0)
  if [[ $app_up == 3 && $docker_up == 1 && $engine_series != 0 ]]; then
    break
  fi
  if ((SECONDS >= deadline)); then
    log "TIMEOUT after ${timeout}s: app up=$app_up/3 docker up=$docker_up engine_daemon series=$engine_series"
    jq -r '.data.activeTargets[]? | "\(.labels.job) \(.scrapeUrl) \(.health) \(.lastError)"' \
      <<<"$targets" >&2 || true
    exit 1
  fi
  sleep 1
done
log "prometheus sees: app up=$app_up/3, docker up=$docker_up, engine_daemon_* series=$engine_series"
jq -r '.data.activeTargets[] | "  \(.labels.job)\t\(.scrapeUrl)\t\(.health)"' <<<"$targets"

# Per-container app series, and the app's Content-Type as seen from inside the network.
hosts=$(curl -fsS "$prom_url/api/v1/query" --data-urlencode 'query=app_requests_total' |
  jq -r '[.data.result[].metric.hostname] | unique | length')
log "distinct app hostnames in app_requests_total: $hosts"
[[ $hosts == 3 ]]
ctype=$("${compose[@]}" exec -T prometheus wget -q -S -O /dev/null http://app/metrics 2>&1 |
  grep -i 'content-type' | tr -d '\r' | sed 's/^ *//')
log "app /metrics header: $ctype"
[[ $ctype == *"text/plain; version=0.0.4"* ]]

# Ownership, healthchecks and the Grafana stand-in.
"${compose[@]}" exec -T prometheus stat -c '%n %u:%g' /etc/prometheus/prometheus.yml /prometheus
for svc in prometheus grafana; do
  cid=$("${compose[@]}" ps -q "$svc")
  health=$(docker inspect -f '{{.State.Health.Status}}' "$cid")
  log "$svc health: $health"
done
"${compose[@]}" exec -T grafana wget -q -O - http://localhost:3000/api/health
"${compose[@]}" logs grafana | grep provisioning: || true
log "PASS"

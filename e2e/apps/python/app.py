#!/usr/bin/python3
"""Minimal metrics-serving app for monstack e2e tests.

Usage: /usr/bin/python3 app.py [PORT]   (or PORT=N); binds to 127.0.0.1.
Uses Debian's python3-prometheus-client (run with the system interpreter).
"""
import os
import random
import signal
import sys
import threading
import time

from prometheus_client import Counter, Gauge, Histogram, start_http_server

JOBS_COMPLETED = Counter("jobs_completed", "Number of jobs completed")  # -> jobs_completed_total
JOBS_IN_PROGRESS = Gauge("jobs_in_progress", "Number of jobs currently in progress")
JOB_DURATION = Histogram(
    "job_duration_seconds",
    "Job duration in seconds",
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)


def worker(stop: threading.Event) -> None:
    while not stop.is_set():
        n = random.randint(1, 5)
        JOBS_COMPLETED.inc(n)
        JOBS_IN_PROGRESS.set(random.randint(0, 10))
        for _ in range(n):
            JOB_DURATION.observe(random.uniform(0.0, 3.0))
        stop.wait(0.5)


def main() -> None:
    port = int(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PORT", "8000"))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    start_http_server(port, addr="127.0.0.1")
    print(f"python metrics app listening on http://127.0.0.1:{port}/metrics", flush=True)
    t = threading.Thread(target=worker, args=(stop,), daemon=True)
    t.start()
    while not stop.is_set():
        stop.wait(1.0)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A metrics page slower than its scrape timeout, like an app whose collector asks a slow database.

Usage: /usr/bin/python3 app.py PORT DELAY_SECONDS; binds to 127.0.0.1.
Python's prometheus_client (Debian's python3-prometheus-client) with its default metrics and a
custom collector that takes DELAY_SECONDS on every scrape.
"""
import signal
import sys
import threading
import time

from prometheus_client import REGISTRY, start_http_server
from prometheus_client.core import GaugeMetricFamily


class SlowCollector:
    """Renders one gauge, after waiting as long as a slow backend would."""

    def __init__(self, delay: float) -> None:
        self.delay = delay

    def describe(self):
        # what register() asks for; without it, registering would call the slow collect()
        yield GaugeMetricFamily("slow_collect_delay_seconds", "How long this collector takes, on purpose.")

    def collect(self):
        time.sleep(self.delay)
        g = GaugeMetricFamily("slow_collect_delay_seconds", "How long this collector takes, on purpose.")
        g.add_metric([], self.delay)
        yield g


def main() -> None:
    port = int(sys.argv[1])
    delay = float(sys.argv[2])
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    REGISTRY.register(SlowCollector(delay))
    start_http_server(port, addr="127.0.0.1")
    print(f"slow python metrics app ({delay} s per scrape) on http://127.0.0.1:{port}/metrics", flush=True)
    while not stop.is_set():
        stop.wait(1.0)


if __name__ == "__main__":
    main()

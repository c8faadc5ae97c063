#!/usr/bin/python3
"""An app that counts its log messages by severity, a label many apps give such a counter (the generated alert on it must keep it).

Usage: /usr/bin/python3 app.py PORT; binds to 127.0.0.1.
Python's prometheus_client (Debian's python3-prometheus-client) with its default metrics and
log_messages_total{severity="error"|"warning"|"info"}, every severity counted every 500 ms.
"""
import signal
import sys
import threading

from prometheus_client import Counter, start_http_server

LOG_MESSAGES = Counter("log_messages", "Log messages written, by severity", ["severity"])  # -> log_messages_total
SEVERITIES = ("error", "warning", "info")


def main() -> None:
    port = int(sys.argv[1])
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    for s in SEVERITIES:
        LOG_MESSAGES.labels(severity=s)
    start_http_server(port, addr="127.0.0.1")
    print(f"python log-levels metrics app on http://127.0.0.1:{port}/metrics", flush=True)
    while not stop.is_set():
        for i, s in enumerate(SEVERITIES):
            LOG_MESSAGES.labels(severity=s).inc(i + 1)
        stop.wait(0.5)


if __name__ == "__main__":
    main()

'use strict';
// The access-log service's own metrics, shared by the Node test apps. Each app passes its own
// prom-client (11 or 15), so both serve the same custom series whatever the client version;
// they are updated every 500 ms so that series have data right after start.
const os = require('os');

module.exports = function accessMetrics(client) {
  const accessLog = new client.Counter({
    name: 'access_log_total',
    help: 'Access Log - total log requests',
    labelNames: ['hostname'],
  });
  const clientIpCurrent = new client.Gauge({
    name: 'access_client_ip_current',
    help: 'Access Log - current unique IP addresses',
  });
  const requestDuration = new client.Histogram({
    name: 'access_request_duration_seconds',
    help: 'Request duration in seconds',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });

  const hostname = os.hostname();
  function tick() {
    const n = 1 + Math.floor(Math.random() * 5);
    accessLog.inc({ hostname }, n);
    clientIpCurrent.set(Math.floor(Math.random() * 20));
    for (let i = 0; i < n; i++) requestDuration.observe(Math.random() * 1.5);
  }
  tick();
  setInterval(tick, 500).unref();
};

'use strict';
// Minimal metrics-serving app for monstack e2e tests.
// Usage: node app.js [PORT]   (or PORT=N node app.js); binds to 127.0.0.1.
const http = require('http');
const os = require('os');
const client = require('prom-client');

const port = parseInt(process.argv[2] || process.env.PORT || '9464', 10);
const host = '127.0.0.1';
const register = client.register;

client.collectDefaultMetrics({ register });

const accessLog = new client.Counter({
  name: 'access_log_total',
  help: 'Number of access log lines processed',
  labelNames: ['hostname'],
});
const clientIpCurrent = new client.Gauge({
  name: 'access_client_ip_current',
  help: 'Number of distinct client IPs currently seen',
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

const server = http.createServer(async (req, res) => {
  if (req.url === '/metrics' || req.url.startsWith('/metrics?')) {
    try {
      const body = await register.metrics();
      res.writeHead(200, { 'Content-Type': register.contentType });
      res.end(body);
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    }
  } else if (req.url === '/' || req.url === '/health') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok\n');
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found\n');
  }
});

// Force one garbage collection once listening (like the Spring app's System.gc()), so that
// nodejs_gc_duration_seconds has series from the start instead of after the first natural GC,
// which an app this small may not see for a long time. No --expose-gc flag needed.
function forceGc() {
  try {
    require('v8').setFlagsFromString('--expose-gc');
    require('vm').runInNewContext('gc')();
  } catch (err) {
    console.error(`could not force a GC: ${err}`);
  }
}

server.listen(port, host, () => {
  console.log(`node metrics app listening on http://${host}:${port}/metrics`);
  setTimeout(forceGc, 50).unref();
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => server.close(() => process.exit(0)));
}

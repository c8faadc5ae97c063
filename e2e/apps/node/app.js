'use strict';
// Minimal metrics-serving app for monstack e2e tests.
// Usage: node app.js [PORT]   (or PORT=N node app.js); binds to 127.0.0.1.
const http = require('http');
const client = require('prom-client');

const port = parseInt(process.argv[2] || process.env.PORT || '9464', 10);
const host = '127.0.0.1';
const register = client.register;

client.collectDefaultMetrics({ register });

require('../node-shared/access-metrics')(client);

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

'use strict';
// An app like the book's access-log service (diamol ch09): restify and prom-client 11, with
// /metrics written by res.end(register.metrics()) and no Content-Type, as that app does.
// Prometheus 3 refuses such a page unless the job sets fallback_scrape_protocol.
// restify 11 is the oldest that runs on Node 18+ (8.x, the book's, fails at require time there).
// Usage: node app.js [PORT]   (or PORT=N node app.js); binds to 127.0.0.1.
const restify = require('restify');
const prom = require('prom-client');

const port = parseInt(process.argv[2] || process.env.PORT || '9465', 10);
const host = '127.0.0.1';

prom.collectDefaultMetrics();

require('../node-shared/access-metrics')(prom);

const server = restify.createServer({ name: 'access-log' });
server.get('/metrics', (req, res, next) => {
  res.end(prom.register.metrics());
  next();
});

server.listen(port, host, () => {
  console.log(`node book app (prom-client 11, restify) listening on http://${host}:${port}/metrics`);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => server.close(() => process.exit(0)));
}

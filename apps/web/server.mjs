#!/usr/bin/env node
// The production server: `next start` as Next.js documents a custom server, plus one step before
// Next.js's router. A request for a page the rendered-page cache holds is answered from the copy
// (lib/page-cache/answer.ts): Next.js's own per-request work costs more than serving the copy.
// Everything else, and every request until the cache's first page, is Next.js's as before.
//
//   node server.mjs [--port 3000] [--hostname 127.0.0.1]   (defaults: $PORT, $HOST)
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT || '3000' },
    hostname: { type: 'string', default: process.env.HOST || '127.0.0.1' },
  },
});
const port = Number(values.port);
const { hostname } = values;
// As `next start` does; Next.js reads it while loading.
process.env.NODE_ENV ??= 'production';
const { default: next } = await import('next');

// lib/page-cache/index.ts puts the cache on globalThis under this name once Next.js has loaded it.
const PAGE_CACHE = Symbol.for('newsfeed.web.page-cache');

const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

/** Whether the page cache answered the request; a failure there leaves it to Next.js. */
function answeredFromCache(req, res) {
  try {
    return globalThis[PAGE_CACHE]?.answerKeptPage(req, res) === true;
  } catch (error) {
    console.error(`The page cache failed on ${req.url}`, error);
    // Half a response cannot be taken back: the reader's connection is closed instead.
    if (res.headersSent) res.destroy();
    return res.headersSent;
  }
}

const server = createServer((req, res) => {
  if (answeredFromCache(req, res)) return;
  handle(req, res).catch((error) => {
    // As `next start`: the request fails, the server stays up.
    console.error(`Failed to handle request for ${req.url}`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end('Internal Server Error');
  });
});
server.on('error', (error) => {
  console.error('Failed to start server', error);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`web: ready on http://${hostname}:${port}`));

// Stops as `next start` does: 130 after SIGINT, 143 after SIGTERM (scripts/clean-stop.mjs reports 0).
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 };
let stopping = false;
for (const [signal, code] of Object.entries(EXIT_CODES)) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    app
      .close()
      .catch((error) => console.error(error))
      .finally(() => process.exit(code));
  });
}

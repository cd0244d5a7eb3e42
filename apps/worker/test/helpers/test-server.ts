import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createGzip } from 'node:zlib';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/**
 * A real HTTP server on 127.0.0.1 and a free port, routed by path, counting requests per path so
 * tests can assert what the worker fetched (and what it did not).
 */
export class TestServer {
  readonly hits = new Map<string, number>();
  readonly requests: Array<{ path: string; headers: IncomingMessage['headers'] }> = [];
  private readonly routes = new Map<string, Handler>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  port = 0;

  route(path: string, handler: Handler): this {
    this.routes.set(path, handler);
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      this.requests.push({ path, headers: request.headers });
      const handler = this.routes.get(path);
      if (!handler) {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
        return;
      }
      Promise.resolve(handler(request, response)).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500);
        response.end(String(error));
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    // Hanging and trickling handlers keep sockets open; end them so close() returns.
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** Serves `body` with ETag / Last-Modified validators and answers 304 when they match. */
export function conditional(
  getBody: () => {
    body: string | Buffer;
    etag: string;
    lastModified?: string;
    contentType?: string;
    cacheControl?: string;
  },
): Handler {
  return (request, response) => {
    const current = getBody();
    const caching = current.cacheControl ? { 'cache-control': current.cacheControl } : {};
    if (request.headers['if-none-match'] === current.etag) {
      response.writeHead(304, { etag: current.etag, ...caching });
      response.end();
      return;
    }
    response.writeHead(200, {
      'content-type': current.contentType ?? 'application/rss+xml; charset=utf-8',
      etag: current.etag,
      ...(current.lastModified ? { 'last-modified': current.lastModified } : {}),
      ...caching,
    });
    response.end(current.body);
  };
}

/** Answers with a redirect. */
export function redirect(status: number, location: string): Handler {
  return (_, response) => {
    response.writeHead(status, { location });
    response.end();
  };
}

/** Answers with an error status and a small body. */
export function status(code: number, headers: Record<string, string> = {}): Handler {
  return (_, response) => {
    response.writeHead(code, headers);
    response.end('error page');
  };
}

/** Streams `megabytes` of data (chunked, or announced by Content-Length), stopping when the client hangs up. */
export function hugeBody(megabytes: number, announce: boolean): Handler {
  return (_, response) => {
    const total = megabytes * 1024 * 1024;
    response.writeHead(200, {
      'content-type': 'application/rss+xml',
      ...(announce ? { 'content-length': String(total) } : {}),
    });
    streamUntilClosed(response, response, total / (64 * 1024), () => Buffer.alloc(64 * 1024, 'a'));
  };
}

/** A gzip bomb: about 100 KB on the wire that inflates to `megabytes` of zeros. */
export function gzipBomb(megabytes: number): Handler {
  return (_, response) => {
    response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
    const gzip = createGzip();
    gzip.pipe(response);
    streamUntilClosed(response, gzip, megabytes, () => Buffer.alloc(1024 * 1024));
  };
}

/** Writes `chunks` chunks with backpressure, and stops as soon as the response closes. */
function streamUntilClosed(
  response: import('node:http').ServerResponse,
  sink: NodeJS.WritableStream,
  chunks: number,
  chunk: () => Buffer,
): void {
  let written = 0;
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  const pump = () => {
    while (!closed && written < chunks) {
      written++;
      if (!sink.write(chunk())) {
        sink.once('drain', pump);
        return;
      }
    }
    sink.end();
  };
  pump();
}

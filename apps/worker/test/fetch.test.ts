import { createServer as createTcpServer, type Socket } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../src/fetch/fetch-error.js';
import { HttpClient, type HttpClientOptions } from '../src/fetch/http-client.js';
import { LOADED_MACHINE_SLACK_MS } from './helpers/harness.js';
import { conditional, gzipBomb, hugeBody, redirect, TestServer } from './helpers/test-server.js';

/**
 * How long the concurrency tests' server holds each request: long enough that the client's next
 * requests arrive while it is held even when a loaded 2-core machine runs this process late, so the
 * observed peak is the client's limit and not an accident of scheduling.
 */
const HOLD_MS = 250;

const OPTIONS: HttpClientOptions = {
  userAgent: 'Newsfeed-test/1 (+https://example.org/newsfeed)',
  connectTimeoutMs: 1_000,
  requestTimeoutMs: 1_500,
  maxBodyBytes: 1024 * 1024,
  maxRedirects: 3,
  concurrency: 8,
  perHostConcurrency: 2,
  allowedAddresses: ['127.0.0.1'],
};

const server = new TestServer();
const client = new HttpClient(OPTIONS);

async function fetchError(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

beforeAll(async () => {
  await server
    .route(
      '/feed',
      conditional(() => ({ body: '<rss/>', etag: '"v1"', lastModified: 'Tue, 03 Nov 2026 10:00:00 GMT' })),
    )
    .route('/moved', redirect(301, '/feed'))
    .route('/moved-twice', redirect(308, '/moved'))
    .route('/temporary', redirect(302, '/feed'))
    .route('/temp-then-perm', redirect(307, '/moved'))
    .route('/loop-a', redirect(302, '/loop-b'))
    .route('/loop-b', redirect(302, '/loop-a'))
    .route('/chain', (req, res) => {
      const step = Number(new URL(req.url!, 'http://x').searchParams.get('n') ?? 0);
      res.writeHead(302, { location: `/chain?n=${step + 1}` });
      res.end();
    })
    .route('/to-metadata', redirect(302, 'http://169.254.169.254/latest/meta-data/'))
    .route('/never', () => {
      // Never answers: the request timeout must end it.
    })
    .route('/trickle', (_, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const timer = setInterval(() => res.write('<'), 200);
      res.on('close', () => clearInterval(timer));
    })
    .route('/huge', hugeBody(200, true))
    .route('/huge-chunked', hugeBody(200, false))
    .route('/bomb', gzipBomb(100))
    .route('/gzip', (_, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync('<rss>gzip</rss>'));
    })
    .route('/br', (_, res) => {
      res.writeHead(200, { 'content-encoding': 'br' });
      res.end(brotliCompressSync('<rss>br</rss>'));
    })
    .route('/deflate', (_, res) => {
      res.writeHead(200, { 'content-encoding': 'deflate' });
      res.end(deflateSync('<rss>deflate</rss>'));
    })
    .route('/raw-deflate', (_, res) => {
      res.writeHead(200, { 'content-encoding': 'deflate' });
      res.end(deflateRawSync('<rss>raw deflate</rss>'));
    })
    .route('/corrupt-gzip', (_, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(Buffer.from('this is not gzip at all'));
    })
    .route('/slow', async (_, res) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      res.end('ok');
    })
    .start();
});

afterAll(async () => {
  await client.close();
  await server.stop();
});

describe('HttpClient', () => {
  it('sends a User-Agent naming the project, Accept-Encoding and the validators', async () => {
    const response = await client.fetch({ url: server.url('/feed'), accept: 'application/rss+xml' });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('<rss/>');
    expect(response.headers.etag).toBe('"v1"');
    const sent = server.requests.at(-1)!.headers;
    expect(sent['user-agent']).toMatch(/Newsfeed.*https:\/\//);
    expect(sent['accept-encoding']).toMatch(/gzip.*deflate.*br/);

    const again = await client.fetch({
      url: server.url('/feed'),
      accept: '*/*',
      etag: '"v1"',
      lastModified: 'x',
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(server.requests.at(-1)!.headers['if-none-match']).toBe('"v1"');
  });

  it('follows 301/308 and reports the permanent address; a 302 or a temporary hop first does not move it', async () => {
    const permanent = await client.fetch({ url: server.url('/moved-twice'), accept: '*/*' });
    expect(permanent.status).toBe(200);
    expect(permanent.url).toBe(server.url('/feed'));
    expect(permanent.permanentUrl).toBe(server.url('/feed'));
    expect(permanent.redirects.map((hop) => hop.status)).toEqual([308, 301]);

    const temporary = await client.fetch({ url: server.url('/temporary'), accept: '*/*' });
    expect(temporary.url).toBe(server.url('/feed'));
    expect(temporary.permanentUrl).toBe(server.url('/temporary'));

    const mixed = await client.fetch({ url: server.url('/temp-then-perm'), accept: '*/*' });
    expect(mixed.permanentUrl).toBe(server.url('/temp-then-perm'));
  });

  it('refuses redirect loops and chains longer than the limit', async () => {
    expect((await fetchError(client.fetch({ url: server.url('/loop-a'), accept: '*/*' }))).code).toBe(
      'REDIRECT_LOOP',
    );
    const chain = await fetchError(client.fetch({ url: server.url('/chain'), accept: '*/*' }));
    expect(chain.code).toBe('TOO_MANY_REDIRECTS');
    expect(chain.message).toMatch(/WORKER_MAX_REDIRECTS \(3\)/);
  });

  it('decodes gzip, brotli, zlib deflate and raw deflate; a corrupt body is a typed error', async () => {
    for (const [path, text] of [
      ['/gzip', 'gzip'],
      ['/br', 'br'],
      ['/deflate', 'deflate'],
      ['/raw-deflate', 'raw deflate'],
    ]) {
      const response = await client.fetch({ url: server.url(path!), accept: '*/*' });
      expect(response.body.toString()).toBe(`<rss>${text}</rss>`);
    }
    expect((await fetchError(client.fetch({ url: server.url('/corrupt-gzip'), accept: '*/*' }))).code).toBe(
      'BAD_ENCODING',
    );
  });

  it('stops a gzip bomb at the size limit without inflating it', async () => {
    const before = process.memoryUsage().rss;
    const error = await fetchError(client.fetch({ url: server.url('/bomb'), accept: '*/*' }));
    expect(error.code).toBe('TOO_LARGE');
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024);
  });

  it('refuses a 200 MB body: announced by Content-Length, or streamed chunked', async () => {
    expect((await fetchError(client.fetch({ url: server.url('/huge'), accept: '*/*' }))).code).toBe(
      'TOO_LARGE',
    );
    expect((await fetchError(client.fetch({ url: server.url('/huge-chunked'), accept: '*/*' }))).code).toBe(
      'TOO_LARGE',
    );
  });

  it('gives up on a server that never answers and on one that trickles', async () => {
    const started = Date.now();
    expect((await fetchError(client.fetch({ url: server.url('/never'), accept: '*/*' }))).code).toBe(
      'TIMEOUT',
    );
    expect((await fetchError(client.fetch({ url: server.url('/trickle'), accept: '*/*' }))).code).toBe(
      'TIMEOUT',
    );
    // Without the deadline neither server would ever finish; the slack is for a loaded 2-core machine.
    expect(Date.now() - started).toBeLessThan(OPTIONS.requestTimeoutMs * 2 + LOADED_MACHINE_SLACK_MS);
  });

  it('lets a `host:port` allowlist entry reach that port only, for names resolved at connect time too', async () => {
    const other = await new TestServer()
      .route('/feed', (_request, response) => {
        response.end('other');
      })
      .start();
    const scoped = new HttpClient({ ...OPTIONS, allowedAddresses: [`127.0.0.1:${server.port}`] });
    try {
      expect((await scoped.fetch({ url: server.url('/feed'), accept: '*/*' })).status).toBe(200);
      expect(
        (await scoped.fetch({ url: `http://localhost:${server.port}/feed`, accept: '*/*' })).status,
      ).toBe(200);
      expect((await fetchError(scoped.fetch({ url: other.url('/feed'), accept: '*/*' }))).code).toBe(
        'BLOCKED_ADDRESS',
      );
      const byName = await fetchError(
        scoped.fetch({ url: `http://localhost:${other.port}/feed`, accept: '*/*' }),
      );
      expect(byName.code).toBe('BLOCKED_ADDRESS');
      expect(other.hitsOf('/feed')).toBe(0);
    } finally {
      await scoped.close();
      await other.stop();
    }
  });

  it('refuses private, loopback, link-local and metadata addresses unless allowlisted, also after a redirect', async () => {
    const strict = new HttpClient({ ...OPTIONS, allowedAddresses: [] });
    try {
      for (const url of [
        'http://10.1.2.3/feed',
        'http://192.168.1.1/',
        'http://[::1]/',
        'http://[fe80::1]/',
      ]) {
        expect((await fetchError(strict.fetch({ url, accept: '*/*' }))).code).toBe('BLOCKED_ADDRESS');
      }
      // A name that resolves to loopback is refused at connect time.
      const byName = await fetchError(
        strict.fetch({ url: `http://localhost:${server.port}/feed`, accept: '*/*' }),
      );
      expect(byName.code).toBe('BLOCKED_ADDRESS');
      expect((await fetchError(strict.fetch({ url: server.url('/feed'), accept: '*/*' }))).code).toBe(
        'BLOCKED_ADDRESS',
      );
    } finally {
      await strict.close();
    }
    const hits = server.hitsOf('/feed');
    const redirected = await fetchError(client.fetch({ url: server.url('/to-metadata'), accept: '*/*' }));
    expect(redirected.code).toBe('BLOCKED_ADDRESS');
    expect(redirected.message).toMatch(/169\.254\.169\.254/);
    expect(server.hitsOf('/feed')).toBe(hits);
    expect((await fetchError(client.fetch({ url: 'file:///etc/passwd', accept: '*/*' }))).code).toBe(
      'INVALID_URL',
    );
  });

  it('never runs more requests to one host at once than the per-host limit', async () => {
    let active = 0;
    let peak = 0;
    server.route('/count', async (_, res) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      active--;
      res.end('ok');
    });
    await Promise.all(
      Array.from({ length: 8 }, () => client.fetch({ url: server.url('/count'), accept: '*/*' })),
    );
    expect(peak).toBe(OPTIONS.perHostConcurrency);
  });

  it('never runs more requests at once than the global limit, across hosts', async () => {
    // Each port is a host of its own for politeness, so four servers are four hosts.
    const limited = new HttpClient({ ...OPTIONS, concurrency: 3, perHostConcurrency: 2 });
    const hosts = await Promise.all(Array.from({ length: 4 }, () => new TestServer().start()));
    let active = 0;
    let peak = 0;
    for (const host of hosts)
      host.route('/count', async (_, res) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
        active--;
        res.end('ok');
      });
    try {
      await Promise.all(
        hosts.flatMap((host) =>
          Array.from({ length: 3 }, () => limited.fetch({ url: host.url('/count'), accept: '*/*' })),
        ),
      );
      expect(peak).toBe(3);
      for (const host of hosts) expect(host.hitsOf('/count')).toBe(3);
    } finally {
      await limited.close();
      for (const host of hosts) await host.stop();
    }
  });

  it('gives up connecting after the connect timeout, long before the request timeout', async () => {
    // Accepts TCP but never answers the TLS handshake: the connection is never established.
    const sockets = new Set<Socket>();
    const silent = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as import('node:net').AddressInfo).port;
    const impatient = new HttpClient({ ...OPTIONS, connectTimeoutMs: 300, requestTimeoutMs: 20_000 });
    try {
      const started = Date.now();
      const error = await fetchError(
        impatient.fetch({ url: `https://127.0.0.1:${port}/feed`, accept: '*/*' }),
      );
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toMatch(/WORKER_CONNECT_TIMEOUT_MS \(300 ms\)/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await impatient.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

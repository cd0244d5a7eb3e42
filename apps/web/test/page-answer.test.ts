import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecondRequestAdmission } from '../lib/page-cache/admission';
import { answerKeptPage, type KeptPages } from '../lib/page-cache/answer';
import { PageCache, type RenderedPage } from '../lib/page-cache/cache';
import { keptPageEncoding } from '../lib/page-cache/encoding';
import { gzipPieces, gzipWithNonce } from '../lib/page-cache/gzip-copy';
import { sharedPageKey } from '../lib/page-cache/policy';
import { RENDER_MARKER_HEADER, withNonce } from '../lib/page-cache/render';

const NONCE = 'b3JpZ2luYWwtbm9uY2UtMTI=';
const HOST = 'news.example';

/** A kept page as renderPage() makes it: scripts with the render's nonce, its CSP header. */
function keptPage(html: string): RenderedPage {
  const body = new Uint8Array(Buffer.from(html));
  const nonceOffsets: number[] = [];
  for (let at = html.indexOf(NONCE); at !== -1; at = html.indexOf(NONCE, at + 1)) nonceOffsets.push(at);
  return {
    status: 200,
    headers: [
      ['content-type', 'text/html; charset=utf-8'],
      ['content-security-policy', `script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`],
      ['x-frame-options', 'DENY'],
    ],
    body,
    nonce: NONCE,
    nonceOffsets,
    gzip: gzipPieces(body, nonceOffsets, NONCE.length),
  };
}

// Long enough to be compressed (over 1 KiB), nonces at the start, the middle and the very end.
const HTML = `<script nonce="${NONCE}">a()</script>${'<p>story text</p>'.repeat(200)}<script nonce="${NONCE}">b()</script><i nonce="${NONCE}"`;

describe('gzipWithNonce', () => {
  it('inflates to exactly the body withNonce() gives, for each fresh nonce', () => {
    const page = keptPage(HTML);
    for (const fresh of [
      'ZnJlc2gtbm9uY2UtZm9yLW9uZQ==',
      'x',
      'c2Vjb25kLW5vbmNlLWZvci10d28tbG9uZ2VyLXRoYW4tYmVmb3Jl',
    ]) {
      const zipped = gzipWithNonce(page.gzip!, page.body, page.nonceOffsets, NONCE.length, fresh);
      expect(gunzipSync(zipped).equals(Buffer.from(withNonce(page, fresh).body))).toBe(true);
    }
  });

  it('compresses a body without nonces as one piece', () => {
    const body = new Uint8Array(Buffer.from('<p>no script here</p>'.repeat(100)));
    const zipped = gzipWithNonce(gzipPieces(body, [], 0), body, [], 0, 'unused');
    expect(gunzipSync(zipped).equals(Buffer.from(body))).toBe(true);
    expect(zipped.byteLength).toBeLessThan(body.byteLength / 10);
  });
});

describe('keptPageEncoding', () => {
  it('chooses what Next.js’s compression would: gzip when it ranks first, else leaves the request', () => {
    expect(keptPageEncoding(undefined, 5000)).toBe('identity');
    expect(keptPageEncoding('', 5000)).toBe('identity');
    expect(keptPageEncoding('gzip, deflate, br, zstd', 5000)).toBe('gzip');
    expect(keptPageEncoding('gzip', 500)).toBe('identity');
    expect(keptPageEncoding('*', 5000)).toBe('gzip');
    expect(keptPageEncoding('br;q=1, gzip;q=0.5', 5000)).toBeNull();
    expect(keptPageEncoding('gzip;q=0, deflate', 5000)).toBeNull();
    expect(keptPageEncoding('identity', 5000)).toBeNull();
  });
});

describe('answerKeptPage on node:http', () => {
  let server: Server;
  let port: number;
  let kept: KeptPages;
  /** Requests answerKeptPage left to Next.js (here a 599). */
  let leftToNext = 0;

  /** The key proxy.ts computes for the same request: Next.js fills in the x-forwarded-* headers. */
  const proxyKey = (path: string) =>
    sharedPageKey({
      method: 'GET',
      url: `http://127.0.0.1:3000${path}`,
      headers: new Headers({ host: HOST, 'x-forwarded-host': HOST, 'x-forwarded-proto': 'http' }),
    })!;

  beforeAll(async () => {
    kept = {
      pages: new PageCache({ ttlMs: () => 60_000, maxBytes: () => 10_000_000 }),
      admission: new SecondRequestAdmission(),
    };
    // '/?window=forever' is kept only to show the screen's refusal comes first.
    for (const path of ['/', '/story/1', '/?window=forever'])
      await kept.pages.get(proxyKey(path), async () => ({ page: keptPage(HTML), shareable: true }));
    server = createServer((req, res) => {
      if (answerKeptPage(req, res, kept)) return;
      leftToNext += 1;
      res.writeHead(599).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(path: string, headers: Record<string, string> = {}) {
    return new Promise<{
      status: number;
      headers: Record<string, string | string[] | undefined>;
      body: Buffer;
    }>((resolve, reject) => {
      const outgoing = httpRequest({ port, path, headers: { host: HOST, ...headers } }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode!, headers: incoming.headers, body: Buffer.concat(chunks) }),
        );
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  it('answers a kept page with a fresh nonce in the body and the CSP, plain or gzip', async () => {
    const plain = await get('/');
    const zipped = await get('/story/1', { 'accept-encoding': 'gzip, deflate, br' });
    const seen = new Set<string>();
    for (const [response, body] of [
      [plain, plain.body],
      [zipped, gunzipSync(zipped.body)],
    ] as const) {
      expect(response.status).toBe(200);
      expect(response.headers['x-page-cache']).toBe('hit');
      expect(response.headers['x-frame-options']).toBe('DENY');
      const nonce = /'nonce-([^']+)'/.exec(String(response.headers['content-security-policy']))![1]!;
      expect(nonce).not.toBe(NONCE);
      expect(body.toString()).toBe(HTML.replaceAll(NONCE, nonce));
      seen.add(nonce);
    }
    expect(seen.size).toBe(2);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.byteLength);
    expect(plain.headers['content-encoding']).toBeUndefined();
  });

  it('leaves to Next.js what proxy.ts must decide: misses, its own renders, readers, refusals', async () => {
    const before = leftToNext;
    const cases: [string, Record<string, string>][] = [
      ['/story/2', {}], // not kept
      ['/', { [RENDER_MARKER_HEADER]: 'anything' }], // the cache's own render of a kept page
      ['/', { cookie: 'newsfeed_session=abc' }],
      ['/', { authorization: 'Bearer secret-token-123456' }],
      ['/', { rsc: '1' }],
      ['/', { host: 'other.example' }], // another key
      ['/', { 'x-forwarded-proto': 'https' }],
      ['/?window=forever', {}], // the screen's 400
      ['//', {}],
      ['/', { 'accept-encoding': 'br' }], // an encoding Next.js chooses
    ];
    for (const [path, headers] of cases) expect((await get(path, headers)).status).toBe(599);
    expect(leftToNext - before).toBe(cases.length);
  });
});

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMEMBERED_USER_AGENTS, sharedPageKey } from '../lib/page-cache/policy';
import { RENDER_MARKER_HEADER, renderPage, withNonce } from '../lib/page-cache/render';

const NONCE = 'b3JpZ2luYWwtbm9uY2UtMTI=';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';

function request(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return {
    method,
    url: `http://127.0.0.1:3000${path}`,
    headers: new Headers({ host: 'news.example', 'user-agent': CHROME, ...headers }),
  };
}

describe('sharedPageKey', () => {
  it('tells bots from browsers the same way once more User-Agents were seen than it remembers', () => {
    const front = sharedPageKey(request('/'));
    const bot = sharedPageKey(request('/', { 'user-agent': 'Twitterbot/1.0' }));
    for (let i = 0; i <= REMEMBERED_USER_AGENTS; i++)
      sharedPageKey(request('/', { 'user-agent': `Mozilla/5.0 Firefox/${i}.0` }));
    expect(sharedPageKey(request('/', { 'user-agent': 'Twitterbot/1.0' }))).toBe(bot);
    expect(sharedPageKey(request('/'))).toBe(front);
    // No User-Agent at all: a browser, as Next.js counts it.
    const anonymous = {
      method: 'GET',
      url: 'http://127.0.0.1:3000/',
      headers: new Headers({ host: 'news.example' }),
    };
    expect(sharedPageKey(anonymous)).toBe(front);
  });

  it('gives the public pages and feeds out a key per URL, host and kind of reader', () => {
    for (const path of [
      '/',
      '/?window=24h',
      '/search?q=vote',
      '/story/12',
      '/sources',
      '/sources/3',
      '/feed.xml',
      '/atom.xml?q=vote',
      '/feed.json?source=3',
    ]) {
      expect(sharedPageKey(request(path))).not.toBeNull();
    }
    const front = sharedPageKey(request('/'));
    expect(sharedPageKey(request('/?window=24h'))).not.toBe(front);
    expect(sharedPageKey(request('/', { host: 'other.example' }))).not.toBe(front);
    expect(sharedPageKey(request('/', { 'x-forwarded-proto': 'https' }))).not.toBe(front);
    expect(sharedPageKey(request('/', { 'user-agent': 'Twitterbot/1.0' }))).not.toBe(front);
    expect(sharedPageKey(request('/', { 'user-agent': 'Mozilla/5.0 Firefox/140.0' }))).toBe(front);
  });

  it('lets everything that is not an anonymous page load render for itself', () => {
    expect(sharedPageKey(request('/', {}, 'POST'))).toBeNull();
    expect(sharedPageKey(request('/', {}, 'HEAD'))).toBeNull();
    expect(sharedPageKey(request('/', { cookie: 'newsfeed_admin=abc' }))).toBeNull();
    expect(sharedPageKey(request('/', { cookie: 'theme=dark' }))).toBeNull();
    expect(sharedPageKey(request('/', { authorization: 'Bearer secret-token-123456' }))).toBeNull();
    expect(sharedPageKey(request('/', { rsc: '1' }))).toBeNull();
    expect(sharedPageKey(request('/', { 'next-router-prefetch': '1' }))).toBeNull();
    expect(sharedPageKey(request('/?_rsc=abc'))).toBeNull();
    for (const path of ['/admin', '/admin/login', '/api/v1/stories', '/robots.txt', '/story/1/x']) {
      expect(sharedPageKey(request(path))).toBeNull();
    }
  });
});

describe('renderPage and withNonce', () => {
  let server: Server;
  let origin: string;
  let received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    // A real HTTP server standing in for `next start`: a page whose scripts carry the CSP nonce.
    server = createServer((req, res) => {
      received.push(req.headers);
      const status = req.url === '/missing' ? 404 : 200;
      const headers: Record<string, string> = {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'`,
        'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
        etag: '"abc"',
      };
      if (req.url === '/cookie') headers['set-cookie'] = 'x=1';
      res.writeHead(status, headers);
      res.end(
        `<script nonce="${NONCE}">one()</script><p>${req.url}</p><script nonce="${NONCE}">two()</script>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const at = (path: string, headers: Record<string, string> = {}) => ({
    method: 'GET',
    url: `${origin}${path}`,
    headers: new Headers({ host: 'news.example', 'user-agent': CHROME, ...headers }),
  });

  it('fetches the page from the server with the marker and the headers the page depends on, nothing else', async () => {
    received = [];
    await renderPage(at('/search?q=vote', { cookie: 'theme=dark', 'x-forwarded-proto': 'https' }), 'secret');
    expect(received).toHaveLength(1);
    const [headers] = received;
    expect(headers?.[RENDER_MARKER_HEADER]).toBe('secret');
    expect(headers?.host).toBe('news.example');
    expect(headers?.['x-forwarded-proto']).toBe('https');
    expect(headers?.['user-agent']).toBe(CHROME);
    expect(headers?.cookie).toBeUndefined();
  });

  it('keeps the response and where its nonce is, without per-response headers', async () => {
    const { page, shareable } = await renderPage(at('/'), 'secret');
    expect(shareable).toBe(true);
    expect(page.nonce).toBe(NONCE);
    expect(page.nonceOffsets).toHaveLength(2);
    const names = page.headers.map(([name]) => name);
    expect(names).toContain('cache-control');
    expect(names).not.toContain('etag');
    expect(names).not.toContain('date');
  });

  it('does not share an error page or a response that sets a cookie', async () => {
    expect((await renderPage(at('/missing'), 'secret')).shareable).toBe(false);
    expect((await renderPage(at('/cookie'), 'secret')).shareable).toBe(false);
  });

  it('serves each copy with a fresh nonce in the body and the CSP header, and no trace of the old one', async () => {
    const { page } = await renderPage(at('/story/1'), 'secret');
    const fresh = 'ZnJlc2gtbm9uY2UtZm9yLW9uZQ==';
    const { body, headers } = withNonce(page, fresh);
    const html = new TextDecoder().decode(body);
    expect(html).toBe(
      `<script nonce="${fresh}">one()</script><p>/story/1</p><script nonce="${fresh}">two()</script>`,
    );
    expect(new Headers(headers).get('content-security-policy')).toBe(
      `script-src 'self' 'nonce-${fresh}' 'strict-dynamic'`,
    );
    expect(`${html}${[...headers].join()}`).not.toContain(NONCE);
    // The kept copy itself is untouched, for the next reader.
    expect(new TextDecoder().decode(withNonce(page, 'c2Vjb25kLW5vbmNlLWZvci10d28=').body)).toContain(
      'nonce="c2Vjb25kLW5vbmNlLWZvci10d28="',
    );
  });
});

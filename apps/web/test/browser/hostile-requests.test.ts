import { request as httpRequest } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { openBrowserPage } from '../support/browser';

// Issue 16 items 9, 10, 12 and 13 against the built app behind its real proxy.ts: the requests an
// adversarial probe sent, and a DNS-rebinding page in Chromium (a made-up name mapped to 127.0.0.1).

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const port = new URL(baseUrl).port;
const REBOUND_HOST = 'rebind.attacker.invalid';
const view = openBrowserPage([`--host-resolver-rules=MAP ${REBOUND_HOST} 127.0.0.1`]);

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// node:http, not fetch: fetch refuses TRACE and replaces the Host header.
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<RawResponse>((resolve, reject) => {
    const outgoing = httpRequest(`${baseUrl}${path}`, { method, headers }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        text += chunk;
      });
      incoming.on('end', () =>
        resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: text }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('requests no route should see', () => {
  it('answers TRACE with 405 and Allow', async () => {
    const response = await raw('TRACE', '/');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, POST, OPTIONS');
  });

  it.each(['toString', 'constructor', '__proto__', 'valueOf', '2h'])(
    'answers /?window=%s with a 400 page',
    async (window) => {
      const response = await raw('GET', `/?window=${window}`);
      expect(response.status).toBe(400);
      expect(response.body).toContain('This link is not valid');
      expect(response.headers['content-security-policy']).toContain("script-src 'self' 'nonce-");
    },
  );

  it('answers the API’s bad parameters with 400 and the documented error shape', async () => {
    for (const query of ['window=toString', 'window=2h', 'limit=0', 'limit=1000', 'source=abc']) {
      const response = await raw('GET', `/api/v1/stories?${query}`);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'invalid_parameter' } });
    }
    expect((await raw('GET', '/?window=24h')).status).toBe(200);
  });
});

describe('absolute URLs', () => {
  it('ignores a forged X-Forwarded-Host in a feed caches may keep', async () => {
    const response = await raw('GET', '/feed.json', { 'X-Forwarded-Host': 'evil.invalid' });
    expect(response.status).toBe(200);
    expect(response.body).not.toContain('evil.invalid');
    expect(JSON.parse(response.body).home_page_url).toBe(`http://127.0.0.1:${port}/`);
  });

  it('ignores it in the Open Graph and feed links of a page', async () => {
    const response = await raw('GET', '/sources', { 'X-Forwarded-Host': 'evil.invalid' });
    expect(response.status).toBe(200);
    expect(response.body).not.toContain('evil.invalid');
  });
});

describe('DNS rebinding', () => {
  it('refuses admin to a page that reached the server under another name', async () => {
    // The attacker's page, served (as after rebinding) from 127.0.0.1 under the attacker's name.
    await view.page.goto(`http://${REBOUND_HOST}:${port}/sources`);
    const statuses = await view.page.evaluate(async (token) => {
      const login = await fetch('/api/admin/login', {
        method: 'POST',
        body: new URLSearchParams({ token }),
        redirect: 'manual',
      });
      const add = await fetch('/api/admin/feeds', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ url: 'https://planted.example/feed.xml' }),
      });
      const admin = await fetch('/admin');
      return { login: login.status, add: add.status, admin: admin.status };
    }, adminToken);
    expect(statuses).toEqual({ login: 421, add: 421, admin: 421 });
    const sources = await raw('GET', '/api/v1/sources?limit=100');
    expect(sources.body).not.toContain('planted.example');
  });
});

describe('signing out', () => {
  it('ends the session on the server: the cookie captured before is refused afterwards', async () => {
    const context = view.browser.context;
    const page = await context.newPage();
    try {
      await page.goto(`${baseUrl}/admin/login`);
      await page.getByLabel('Admin token').fill(adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin$/);
      const captured = (await context.cookies(baseUrl)).find((cookie) => cookie.name === 'newsfeed_admin');
      expect(captured).toBeDefined();
      const withCaptured = () =>
        raw('GET', '/api/admin/opml', { Cookie: `newsfeed_admin=${captured!.value}` });
      expect((await withCaptured()).status).toBe(200);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${baseUrl}/`);
      expect((await withCaptured()).status).toBe(401);
    } finally {
      await page.close();
    }
  });
});

import { describe, expect, inject, it } from 'vitest';
import { openBrowserPage } from '../support/browser';

// The rendered-page cache on the built app: kept copies are real pages with a fresh nonce each,
// nobody identified gets one, and an admin change shows at once.

const baseUrl = inject('baseUrl');
const adminToken = inject('adminToken');
const view = openBrowserPage();

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

/** Fetches path until a kept copy answers (the first request may render it). */
async function cachedCopy(path: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await fetch(`${baseUrl}${path}`, init);
    if (response.headers.get('x-page-cache') === 'hit') return response;
    await response.arrayBuffer();
  }
  throw new Error(`${path} never came from the page cache`);
}

describe('rendered-page cache', () => {
  it('serves a kept copy whose scripts carry the response’s own fresh nonce', async () => {
    const first = await cachedCopy('/search?q=dam');
    const second = await cachedCopy('/search?q=dam');
    const [a, b] = [first, second].map((r) => nonceOf(r.headers.get('content-security-policy')));
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
    const html = await second.text();
    const inBody = new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]));
    expect([...inBody]).toEqual([b]);
    expect(html).not.toContain(a!);
    expect(second.headers.get('x-content-type-options')).toBe('nosniff');
    expect(second.headers.get('cache-control')).toContain('no-store');
  });

  it('answers a kept copy before Next.js’s router (server.mjs), compressed for a browser', async () => {
    const response = await cachedCopy('/search?q=river', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    // Next.js streams what it answers (chunked); lib/page-cache/answer.ts sends the whole copy.
    expect(response.headers.get('content-length')).not.toBeNull();
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const nonce = nonceOf(response.headers.get('content-security-policy'));
    const html = await response.text();
    expect(html).toContain('</html>');
    expect(new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]))).toEqual(
      new Set([nonce]),
    );
  });

  it('keeps the site’s script working in a browser on a kept copy (CSP nonce rewritten)', async () => {
    const violations: string[] = [];
    view.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await cachedCopy('/');
    const response = await view.page.goto(baseUrl);
    expect(response?.headers()['x-page-cache']).toBe('hit');
    await view.page.locator('body').click({ position: { x: 5, y: 300 } });
    await view.page.keyboard.press('j');
    await expect(view.page.locator('[data-nav-item].is-current').count()).resolves.toBe(1);
    expect(violations).toEqual([]);
  });

  it('never answers a request with a cookie or Authorization from the cache', async () => {
    await cachedCopy('/');
    const identified: Record<string, string>[] = [
      { cookie: 'newsfeed_admin=x.1.y' },
      { authorization: `Bearer ${adminToken}` },
    ];
    for (const headers of identified) {
      const response = await fetch(baseUrl, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-page-cache')).toBeNull();
    }
    const admin = await fetch(`${baseUrl}/admin/login`);
    expect(admin.headers.get('x-page-cache')).toBeNull();
  });

  it('shows an admin change on the next anonymous page view, not after the TTL', async () => {
    const url = 'https://cache-check.example/feed.xml';
    expect(await (await cachedCopy('/sources')).text()).not.toContain('cache-check.example');
    const added = await fetch(`${baseUrl}/api/admin/feeds`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    });
    expect(added.status).toBeLessThan(300);
    const { data: feed } = (await added.json()) as { data: { id: number } };
    const after = await fetch(`${baseUrl}/sources`);
    expect(after.headers.get('x-page-cache')).toBe('miss');
    expect(await after.text()).toContain('cache-check.example');
    // Leave the shared database as the other browser tests expect it.
    const removed = await fetch(`${baseUrl}/api/admin/feeds/${feed.id}?action=remove`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(removed.status).toBe(200);
  });
});

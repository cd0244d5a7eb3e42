import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as feedJson } from '../app/feed.json/route';
import { GET as feedXml } from '../app/feed.xml/route';
import { isSameOrigin } from '../lib/admin-guard';
import { originFromHeaders, originVary } from '../lib/site-origin';
import { get, type RouteEnv, seededRouteEnv } from './support/route-env';

// Issue 16 item 10: absolute URLs come from WEB_PUBLIC_URL or the request's own Host; the
// X-Forwarded-* headers count only behind a proxy we trust, and then caches are told to vary on them.

const headersOf = (values: Record<string, string>) => (name: string) => values[name] ?? null;
const FORGED = { host: 'news.example.org', 'x-forwarded-host': 'evil.invalid', 'x-forwarded-proto': 'https' };

describe('originFromHeaders', () => {
  it('ignores X-Forwarded-Host and -Proto unless the proxy is trusted', () => {
    const untrusted = { WEB_PUBLIC_URL: undefined, WEB_TRUST_PROXY: false };
    expect(originFromHeaders(headersOf(FORGED), untrusted)).toBe('http://news.example.org');
    expect(originVary(untrusted)).toBeNull();
    const trusted = { WEB_PUBLIC_URL: undefined, WEB_TRUST_PROXY: true };
    expect(originFromHeaders(headersOf(FORGED), trusted)).toBe('https://evil.invalid');
    expect(originVary(trusted)).toBe('X-Forwarded-Host, X-Forwarded-Proto');
  });

  it('uses WEB_PUBLIC_URL whatever the request says', () => {
    const config = { WEB_PUBLIC_URL: 'https://public.example/', WEB_TRUST_PROXY: true };
    expect(originFromHeaders(headersOf(FORGED), config)).toBe('https://public.example');
    expect(originVary(config)).toBeNull();
  });

  it('never builds an origin from a Host that is not a host name', () => {
    const config = { WEB_PUBLIC_URL: undefined, WEB_TRUST_PROXY: false };
    for (const host of ['evil.invalid/"><script>', 'a b', 'x@evil.invalid', ''])
      expect(originFromHeaders(headersOf({ host }), config)).toBe('http://localhost');
  });
});

describe('feeds out without WEB_PUBLIC_URL', () => {
  let env: RouteEnv;
  beforeAll(async () => {
    env = await seededRouteEnv({
      ADMIN_TOKEN: undefined,
      WEB_PUBLIC_URL: undefined,
      WEB_TRUST_PROXY: undefined,
    });
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('never take a forged X-Forwarded-Host into a response caches may share', async () => {
    const poisoned = await feedJson(get('/feed.json', { 'X-Forwarded-Host': 'evil.invalid' }));
    expect(poisoned.headers.get('cache-control')).toContain('public');
    const body = (await poisoned.json()) as { home_page_url: string; feed_url: string };
    expect(body.home_page_url).toBe('http://newsfeed.test/');
    expect(body.feed_url).toBe('http://newsfeed.test/feed.json');
    const rss = await (await feedXml(get('/feed.xml', { 'X-Forwarded-Host': 'evil.invalid' }))).text();
    expect(rss).not.toContain('evil.invalid');
    expect(rss).toContain('http://newsfeed.test/');
  });

  it('takes a form posted from the same host as same-origin whatever the scheme, and no other', () => {
    const from = (origin: string) =>
      isSameOrigin(
        new Request('http://127.0.0.1:3000/api/admin/login', {
          method: 'POST',
          headers: { host: 'news.example.org', origin },
        }),
      );
    expect(from('https://news.example.org')).toBe(true);
    expect(from('http://news.example.org')).toBe(true);
    expect(from('https://evil.example')).toBe(false);
    expect(from('https://news.example.org.evil.example')).toBe(false);
    expect(from('null')).toBe(false);
  });
});

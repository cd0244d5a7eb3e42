import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as feedJson } from '../app/feed.json/route';
import { get, type RouteEnv, seededRouteEnv } from './support/route-env';

// Issue 16 item 10 behind a trusted proxy: the feed follows X-Forwarded-Host, so a shared cache
// must be told that the response varies on it.

let env: RouteEnv;

beforeAll(async () => {
  env = await seededRouteEnv({ ADMIN_TOKEN: undefined, WEB_PUBLIC_URL: undefined, WEB_TRUST_PROXY: 'true' });
});

afterAll(async () => {
  await env?.cleanup();
});

describe('feeds out with WEB_TRUST_PROXY=true', () => {
  it('use the forwarded origin and Vary on the headers it came from', async () => {
    const response = await feedJson(
      get('/feed.json', { 'X-Forwarded-Host': 'news.example.org', 'X-Forwarded-Proto': 'https' }),
    );
    expect(response.headers.get('cache-control')).toContain('public');
    expect(response.headers.get('vary')).toBe('X-Forwarded-Host, X-Forwarded-Proto');
    expect(((await response.json()) as { home_page_url: string }).home_page_url).toBe(
      'https://news.example.org/',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as feedAction } from '../app/api/admin/feeds/[id]/route';
import { POST as addFeed } from '../app/api/admin/feeds/route';
import { POST as login } from '../app/api/admin/login/route';
import { csrfToken, verifySession } from '../lib/admin-session';
import { getDb } from '../lib/db';
import { idParams, ORIGIN, post, type RouteEnv, seededRouteEnv } from './support/route-env';

const TOKEN = 'route-test-admin-token-0123456789';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN };
let env: RouteEnv;

beforeAll(async () => {
  env = await seededRouteEnv({ ADMIN_TOKEN: TOKEN, WEB_PUBLIC_URL: undefined });
});

afterAll(async () => {
  await env?.cleanup();
});

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const response = await login(post('/api/admin/login', new URLSearchParams({ token: TOKEN }), FORM));
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toBe('/admin');
  const setCookie = response.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Strict/);
  const cookie = setCookie.split(';')[0]!;
  const sessionId = verifySession(TOKEN, cookie.split('=')[1]);
  expect(sessionId).toBeTruthy();
  return { cookie, csrf: csrfToken(TOKEN, sessionId!) };
}

describe('sign-in', () => {
  it('sends a wrong token back to the form without a cookie', async () => {
    const response = await login(post('/api/admin/login', new URLSearchParams({ token: 'nope' }), FORM));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/admin/login?error=1');
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a cross-site sign-in', async () => {
    const response = await login(
      post('/api/admin/login', new URLSearchParams({ token: TOKEN }), {
        ...FORM,
        Origin: 'https://evil.example',
      }),
    );
    expect(response.status).toBe(403);
  });
});

describe('admin actions', () => {
  it('refuses without credentials (401), without the CSRF token (403) and from another origin (403)', async () => {
    const body = () => new URLSearchParams({ url: 'https://nope.example/feed' });
    expect((await addFeed(post('/api/admin/feeds', body(), FORM))).status).toBe(401);
    const { cookie, csrf } = await signIn();
    expect((await addFeed(post('/api/admin/feeds', body(), { ...FORM, Cookie: cookie }))).status).toBe(403);
    const crossSite = { ...FORM, Cookie: cookie, Origin: 'https://evil.example' };
    const withCsrf = new URLSearchParams({ url: 'https://nope.example/feed', csrf });
    expect((await addFeed(post('/api/admin/feeds', withCsrf, crossSite))).status).toBe(403);
    expect(await (await getDb()).feeds.getByUrl('https://nope.example/feed')).toBeNull();
  });

  it('adds a feed from the form, then disables, re-enables and removes it', async () => {
    const { cookie, csrf } = await signIn();
    const headers = { ...FORM, Cookie: cookie };
    const added = await addFeed(
      post(
        '/api/admin/feeds',
        new URLSearchParams({ url: 'site.example/news', folder: 'Added', csrf }),
        headers,
      ),
    );
    expect(added.status).toBe(303);
    const location = new URL(added.headers.get('location') ?? '', ORIGIN);
    expect(location.searchParams.get('notice')).toContain('Subscribed to https://site.example/news');
    const db = await getDb();
    const feed = await db.feeds.getByUrl('https://site.example/news');
    expect(feed?.folder).toBe('Added');

    const act = (action: string) =>
      feedAction(
        post(`/api/admin/feeds/${feed!.id}`, new URLSearchParams({ action, csrf }), headers),
        idParams(feed!.id),
      );
    expect((await act('disable')).status).toBe(303);
    expect((await db.feeds.get(feed!.id))?.disabled).toBe(true);
    expect((await act('enable')).status).toBe(303);
    expect(await db.feeds.get(feed!.id)).toMatchObject({ disabled: false, errorCount: 0 });
    const refused = new URL((await act('explode')).headers.get('location') ?? '', ORIGIN);
    expect(refused.searchParams.get('error')).toContain('Unknown action');
    expect((await act('remove')).status).toBe(303);
    expect(await db.feeds.get(feed!.id)).toBeNull();
  });

  it('takes JSON with a bearer token and reports duplicates and bad URLs', async () => {
    const json = (body: unknown) =>
      post('/api/admin/feeds', JSON.stringify(body), {
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/json',
      });
    const created = await addFeed(json({ url: 'https://planet.example/feed.xml' }));
    expect(created.status).toBe(409);
    const invalid = await addFeed(json({ url: 'javascript:alert(1)' }));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toContain(
      'only http and https',
    );
    const ok = await addFeed(json({ url: 'https://fresh.example/rss' }));
    expect(ok.status).toBe(201);
    expect(env.seed.feeds.planet).toBeGreaterThan(0);
  });
});

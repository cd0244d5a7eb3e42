import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../app/api/session/login/route';
import { POST as logout } from '../app/api/session/logout/route';
import { getDb } from '../lib/db';
import { loadWebConfig } from '../lib/env';
import { signInRefusal } from '../lib/sign-in-gate';
import { userIdOf } from '../lib/user-session';
import { get, ORIGIN, post, type RouteEnv, seededRouteEnv } from './support/route-env';

// Reader sign-in on the web (issue 20 item 1): same answer for a wrong password and an unknown
// name, sessions as rows (sign-out ends them), cross-site sign-in refused, wrong passwords limited,
// and WEB_REQUIRE_SIGN_IN closing everything but sign-in, the reader API and admin.

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN };
let env: RouteEnv;
let annId: number;

const signIn = (name: string, password: string, headers: Record<string, string> = FORM) =>
  login(post('/api/session/login', new URLSearchParams({ name, password }), headers));

function cookieOf(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

beforeAll(async () => {
  env = await seededRouteEnv({ WEB_AUTH_MAX_FAILURES: '4', WEB_PUBLIC_URL: undefined });
  annId = (await (await getDb()).users.add({ name: 'ann', password: 'correct horse battery' })).id;
});
afterAll(async () => {
  await env?.cleanup();
});

describe('reader sign-in', () => {
  it('signs in with name and password into a server-side session that sign-out ends', async () => {
    const response = await signIn('ANN', 'correct horse battery');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^newsfeed_session=[\w-]{32}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    const cookie = cookieOf(response);
    expect(await userIdOf(get('/', { Cookie: cookie }))).toBe(annId);

    const out = await logout(post('/api/session/logout', null, { Origin: ORIGIN, Cookie: cookie }));
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect(await userIdOf(get('/', { Cookie: cookie }))).toBeNull();
    expect(
      await userIdOf(get('/', { Cookie: 'newsfeed_session=forged-forged-forged-forged-forg' })),
    ).toBeNull();
  });

  it('answers a wrong password and an unknown name alike, refuses cross-site sign-in, and limits guessing', async () => {
    const wrong = await signIn('ann', 'not the password');
    const unknown = await signIn('nobody', 'not the password');
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/signin?error=1');
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    const crossSite = await signIn('ann', 'correct horse battery', {
      ...FORM,
      Origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get('set-cookie')).toBeNull();

    await signIn('ann', 'still wrong');
    await signIn('ann', 'still wrong');
    const limited = await signIn('ann', 'correct horse battery');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('WEB_REQUIRE_SIGN_IN', () => {
  it('is off by default', () => {
    expect(loadWebConfig({}).WEB_REQUIRE_SIGN_IN).toBe(false);
    expect(loadWebConfig({ WEB_REQUIRE_SIGN_IN: 'true' }).WEB_REQUIRE_SIGN_IN).toBe(true);
  });

  it('sends anonymous page views to /signin and refuses the API and feeds; leaves sign-in, reader API and admin open', async () => {
    const home = await signInRefusal(get('/?page=2'));
    expect(home?.status).toBe(303);
    expect(home?.headers.get('location')).toBe('/signin');
    expect((await signInRefusal(get('/story/1')))?.status).toBe(303);
    expect((await signInRefusal(get('/api/v1/stories')))?.status).toBe(401);
    expect((await signInRefusal(get('/feed.xml')))?.status).toBe(401);
    for (const open of [
      '/signin',
      '/api/session/login',
      '/api/greader.php/accounts/ClientLogin',
      '/admin',
      '/api/admin/feeds',
      '/api/health',
    ])
      expect(await signInRefusal(get(open)), open).toBeNull();

    const db = await getDb();
    const bob = await db.users.add({ name: 'bob', password: 'correct horse battery' });
    const { startUserSession } = await import('../lib/user-session');
    const secret = await startUserSession(bob);
    expect(await signInRefusal(get('/', { Cookie: `newsfeed_session=${secret}` }))).toBeNull();
  });
});

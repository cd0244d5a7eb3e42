import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../lib/db';
import { startUserSession } from '../lib/user-session';
import { proxy } from '../proxy';
import { type RouteEnv, seededRouteEnv } from './support/route-env';

// WEB_REQUIRE_SIGN_IN=true through the real proxy: anonymous page views go to /signin, the API and
// feeds out answer 401, sign-in and the reader API stay reachable, a signed-in reader passes.

let env: RouteEnv;
let cookie: string;

const request = (path: string, headers: Record<string, string> = {}) =>
  new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: '127.0.0.1:3000', ...headers } });

beforeAll(async () => {
  env = await seededRouteEnv({
    WEB_REQUIRE_SIGN_IN: 'true',
    WEB_PAGE_CACHE_TTL_MS: '0',
    WEB_PUBLIC_URL: undefined,
  });
  const user = await (await getDb()).users.add({ name: 'ann', password: 'correct horse battery' });
  cookie = `newsfeed_session=${await startUserSession(user)}`;
});
afterAll(async () => {
  await env?.cleanup();
});

describe('WEB_REQUIRE_SIGN_IN=true', () => {
  it('closes pages, API and feeds to anonymous visitors and opens them to a signed-in reader', async () => {
    const home = await proxy(request('/'));
    expect(home.status).toBe(303);
    expect(home.headers.get('location')).toBe('/signin');
    expect(home.headers.get('content-security-policy')).toBeTruthy();
    expect((await proxy(request('/api/v1/stories'))).status).toBe(401);
    expect((await proxy(request('/feed.xml'))).status).toBe(401);
    for (const open of ['/signin', '/api/greader.php/reader/api/0/token', '/api/health'])
      expect((await proxy(request(open))).status, open).toBe(200);
    expect((await proxy(request('/', { cookie }))).status).toBe(200);
    expect(
      (await proxy(request('/', { cookie: 'newsfeed_session=forged-forged-forged-forged' }))).status,
    ).toBe(303);
  });
});

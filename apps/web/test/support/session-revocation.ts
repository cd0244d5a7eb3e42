import type { Engine } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../app/api/admin/login/route';
import { POST as logout } from '../../app/api/admin/logout/route';
import { GET as exportOpml } from '../../app/api/admin/opml/route';
import { createSession, SESSION_COOKIE } from '../../lib/admin-session';
import { getDb } from '../../lib/db';
import { get, ORIGIN, POSTGRES_SKIP_REASON, post, type RouteEnv, seededRouteEnv } from './route-env';

// Issue 16 item 13 on one engine: admin sessions are server-side rows, so signing out ends them.

const TOKEN = 'session-test-admin-token-0123456789';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN };

async function signIn(): Promise<string> {
  const response = await login(post('/api/admin/login', new URLSearchParams({ token: TOKEN }), FORM));
  expect(response.status).toBe(303);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

const opmlWith = (cookie: string) => exportOpml(get('/api/admin/opml', { Cookie: cookie }));

export function describeSessionRevocation(engine: Engine): void {
  describe.skipIf(engine === 'postgres' && POSTGRES_SKIP_REASON !== null)(
    `admin sessions on ${engine}`,
    () => {
      let env: RouteEnv;
      beforeAll(async () => {
        env = await seededRouteEnv({ ADMIN_TOKEN: TOKEN, WEB_PUBLIC_URL: undefined }, engine);
      });
      afterAll(async () => {
        await env?.cleanup();
      });

      it('ends the session on sign-out: a captured copy of the cookie is refused afterwards', async () => {
        const cookie = await signIn();
        expect((await opmlWith(cookie)).status).toBe(200);
        const out = await logout(post('/api/admin/logout', null, { Origin: ORIGIN, Cookie: cookie }));
        expect(out.status).toBe(303);
        expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
        expect((await opmlWith(cookie)).status).toBe(401);
        // Signing out one session leaves another one working.
        const other = await signIn();
        expect((await opmlWith(other)).status).toBe(200);
      });

      it('refuses a correctly signed cookie the server never issued', async () => {
        const forged = `${SESSION_COOKIE}=${createSession(TOKEN)}`;
        expect((await opmlWith(forged)).status).toBe(401);
      });

      it('deletes expired session rows when someone signs in', async () => {
        const sessions = (await getDb()).sessions;
        await sessions.create({
          id: 'expired-row',
          createdAt: '2026-01-01T00:00:00.000Z',
          expiresAt: '2026-01-01T12:00:00.000Z',
        });
        const beforeExpiry = new Date('2026-01-01T06:00:00.000Z');
        expect(await sessions.get('expired-row', beforeExpiry)).not.toBeNull();
        await signIn();
        expect(await sessions.get('expired-row', beforeExpiry)).toBeNull();
      });

      it('answers a mangled cookie with 401, not a crash', async () => {
        expect((await opmlWith(`${SESSION_COOKIE}=%E0%A4%A`)).status).toBe(401);
      });
    },
  );
}

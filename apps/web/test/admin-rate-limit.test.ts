import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as login } from '../app/api/admin/login/route';
import { GET as exportOpml } from '../app/api/admin/opml/route';
import { FailureLimiter, MAX_TRACKED_CLIENTS } from '../lib/failure-limiter';
import { get, ORIGIN, post, type RouteEnv, seededRouteEnv } from './support/route-env';

// Issue 16 item 14: wrong admin tokens are counted per client and in total; past a limit the
// client is answered 429 with Retry-After and its guesses are not even compared.

const TOKEN = 'rate-limit-admin-token-0123456789';
const PER_CLIENT = 3;
const TOTAL = 5;
const WINDOW_SECONDS = 600;
let env: RouteEnv;

beforeAll(async () => {
  env = await seededRouteEnv({
    ADMIN_TOKEN: TOKEN,
    WEB_PUBLIC_URL: undefined,
    WEB_AUTH_MAX_FAILURES: String(PER_CLIENT),
    WEB_AUTH_MAX_FAILURES_TOTAL: String(TOTAL),
    WEB_AUTH_WINDOW_SECONDS: String(WINDOW_SECONDS),
  });
});

afterAll(async () => {
  await env?.cleanup();
});

beforeEach(() => {
  // Each test starts with nothing counted (lib/admin-attempts.ts keeps the count on globalThis).
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('newsfeed.web.admin-attempts')];
});

const bearer = (token: string, client: string) =>
  exportOpml(get('/api/admin/opml', { Authorization: `Bearer ${token}`, 'X-Forwarded-For': client }));

const signIn = (token: string, client: string) =>
  login(
    post('/api/admin/login', new URLSearchParams({ token }), {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      'X-Forwarded-For': client,
    }),
  );

function expectRetryAfter(response: Response): void {
  expect(response.status).toBe(429);
  const seconds = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(seconds)).toBe(true);
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(WINDOW_SECONDS);
}

describe('wrong admin tokens', () => {
  it('answers a client 429 after its wrong Bearer tokens, even for the right one, and leaves others alone', async () => {
    for (let attempt = 0; attempt < PER_CLIENT; attempt++)
      expect((await bearer(`wrong-${attempt}`, '203.0.113.1')).status).toBe(401);
    expectRetryAfter(await bearer('wrong-again', '203.0.113.1'));
    // Refused unchecked: a correct guess would otherwise tell the guesser it was right.
    expectRetryAfter(await bearer(TOKEN, '203.0.113.1'));
    expect((await bearer(TOKEN, '198.51.100.7')).status).toBe(200);
  });

  it('answers the login form 429 after a client’s wrong tokens', async () => {
    for (let attempt = 0; attempt < PER_CLIENT; attempt++) {
      const response = await signIn(`wrong-${attempt}`, '203.0.113.2');
      expect(response.headers.get('location')).toBe('/admin/login?error=1');
    }
    const refused = await signIn(TOKEN, '203.0.113.2');
    expectRetryAfter(refused);
    expect(refused.headers.get('set-cookie')).toBeNull();
    expect((await signIn(TOKEN, '198.51.100.8')).status).toBe(303);
  });

  it('answers everyone 429 once all clients together sent too many (addresses can be made up)', async () => {
    for (let client = 0; client < TOTAL; client++)
      expect((await bearer('wrong', `192.0.2.${client}`)).status).toBe(401);
    expectRetryAfter(await bearer(TOKEN, '198.51.100.9'));
  });

  it('does not count right tokens', async () => {
    for (let attempt = 0; attempt < PER_CLIENT * 3; attempt++)
      expect((await bearer(TOKEN, '203.0.113.3')).status).toBe(200);
  });
});

describe('FailureLimiter', () => {
  const limits = { perClient: 2, total: 1_000_000, windowMs: 60_000 };

  it('lets a client try again when its window ends, and says when that is', () => {
    const limiter = new FailureLimiter(() => limits);
    limiter.recordFailure('a', 1_000);
    limiter.recordFailure('a', 2_000);
    expect(limiter.retryAfterSeconds('a', 2_000)).toBe(59);
    expect(limiter.retryAfterSeconds('a', 60_999)).toBe(1);
    expect(limiter.retryAfterSeconds('a', 61_000)).toBeNull();
    expect(limiter.retryAfterSeconds('b', 2_000)).toBeNull();
  });

  it('remembers at most MAX_TRACKED_CLIENTS clients, forgetting the oldest', () => {
    const limiter = new FailureLimiter(() => ({ ...limits, perClient: 1 }));
    limiter.recordFailure('first', 0);
    for (let client = 0; client < MAX_TRACKED_CLIENTS; client++) limiter.recordFailure(`c${client}`, 0);
    expect(limiter.retryAfterSeconds('first', 0)).toBeNull();
    expect(limiter.retryAfterSeconds(`c${MAX_TRACKED_CLIENTS - 1}`, 0)).toBe(60);
  });
});

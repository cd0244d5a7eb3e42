import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as sources } from '../app/api/v1/sources/route';
import { getDb } from '../lib/db';
import { publicDisabledReason, publicErrorCategory, UNKNOWN_FAILURE } from '../lib/public-error';
import { get, type RouteEnv, seededRouteEnv } from './support/route-env';

// Issue 16 item 11: the public sees what kind of failure a feed has, never the worker's details
// (resolved private addresses, ports, paths).

describe('publicErrorCategory', () => {
  it.each([
    [
      'NETWORK: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9464 (http://feeds.example/rss)',
      'connection refused',
    ],
    ['NETWORK: ECONNRESET: read ECONNRESET (http://10.0.0.7:81/feed)', 'connection reset'],
    [
      'TIMEOUT: No complete response within WORKER_REQUEST_TIMEOUT_MS (15000 ms) (http://x.example/)',
      'timed out',
    ],
    [
      'DNS: Host not found: getaddrinfo ENOTFOUND nowhere.example (http://nowhere.example/)',
      'host not found',
    ],
    ['BLOCKED_ADDRESS: 192.168.1.1 is a private address (http://router.example/)', 'address not allowed'],
    ['TOO_LARGE: body over 10485760 bytes (http://big.example/)', 'response too large'],
    ['REDIRECT_LOOP: http://a.example/ -> http://a.example/ (http://a.example/)', 'bad redirect'],
    ['HTTP 404 from http://172.16.0.3:8080/feed.xml', 'HTTP 404'],
    ['HTTP 503 Service Unavailable from https://failing.example/feed.xml', 'HTTP 503'],
    ['Not a feed (NOT_A_FEED): the body is an image', 'not a feed'],
    ['https://x.example/ is a web page, not a feed; it advertises none', 'not a feed'],
    ['NETWORK: UND_ERR_SOCKET: other side closed (http://127.0.0.1:9/)', 'connection reset'],
    ['NETWORK: CERT_HAS_EXPIRED: certificate has expired (https://old.example/)', 'TLS error'],
    [
      'TypeError: Cannot read properties of undefined (reading "x") at /srv/app/dist/main.js:12',
      UNKNOWN_FAILURE,
    ],
  ])('%s -> %s', (detail, category) => {
    expect(publicErrorCategory(detail)).toBe(category);
  });

  it('keeps the worker’s sentence for a feed it disabled, with the last error as a category', () => {
    expect(
      publicDisabledReason(
        'Disabled after 10 consecutive failed polls (WORKER_MAX_CONSECUTIVE_FAILURES); last error: NETWORK: ECONNREFUSED: connect ECONNREFUSED 10.1.2.3:25',
      ),
    ).toBe(
      'Disabled after 10 consecutive failed polls (WORKER_MAX_CONSECUTIVE_FAILURES); last error: connection refused',
    );
    expect(publicDisabledReason('Disabled by the admin: duplicate of another source')).toBe(
      'Disabled by the admin: duplicate of another source',
    );
  });
});

describe('GET /api/v1/sources', () => {
  let env: RouteEnv;
  beforeAll(async () => {
    env = await seededRouteEnv({ ADMIN_TOKEN: undefined, WEB_PUBLIC_URL: undefined });
    const db = await getDb();
    await db.feeds.update(env.seed.feeds.failing, {
      lastError:
        'NETWORK: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9464 (http://failing.example/feed.xml)',
    });
    await db.feeds.update(env.seed.feeds.disabled, {
      disabledReason:
        'Disabled after 10 consecutive failed polls (WORKER_MAX_CONSECUTIVE_FAILURES); last error: HTTP 404 from http://192.168.0.9:8080/feed',
    });
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('shows error categories, never the addresses and ports in the worker’s messages', async () => {
    const response = await sources(get('/api/v1/sources'));
    const text = await response.text();
    expect(text).not.toMatch(/127\.0\.0\.1|9464|192\.168|8080/);
    const body = JSON.parse(text) as {
      data: { id: number; lastError: string | null; disabledReason: string | null }[];
    };
    const byId = new Map(body.data.map((source) => [source.id, source]));
    expect(byId.get(env.seed.feeds.failing)?.lastError).toBe('connection refused');
    expect(byId.get(env.seed.feeds.disabled)?.disabledReason).toBe(
      'Disabled after 10 consecutive failed polls (WORKER_MAX_CONSECUTIVE_FAILURES); last error: HTTP 404',
    );
  });
});

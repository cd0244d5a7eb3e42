import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as feedAction } from '../app/api/admin/feeds/[id]/route';
import { POST as addFeed } from '../app/api/admin/feeds/route';
import { POST as login } from '../app/api/admin/login/route';
import { idParams, ORIGIN, post, type RouteEnv, seededRouteEnv } from './support/route-env';

let env: RouteEnv;

beforeAll(async () => {
  env = await seededRouteEnv({ ADMIN_TOKEN: undefined });
});

afterAll(async () => {
  await env?.cleanup();
});

describe('admin with ADMIN_TOKEN unset', () => {
  it('is off: every admin route answers 403, whatever the credentials', async () => {
    const headers = {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      Authorization: 'Bearer anything-at-all-here',
    };
    const body = () => new URLSearchParams({ token: '', url: 'https://x.example/', action: 'remove' });
    expect((await login(post('/api/admin/login', body(), headers))).status).toBe(403);
    const added = await addFeed(post('/api/admin/feeds', body(), headers));
    expect(added.status).toBe(403);
    expect(await added.text()).toContain('ADMIN_TOKEN');
    expect(
      (await feedAction(post('/api/admin/feeds/1', body(), headers), idParams(env.seed.feeds.planet))).status,
    ).toBe(403);
  });
});

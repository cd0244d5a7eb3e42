import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as createUser } from '../app/api/admin/users/route';
import { getDb } from '../lib/db';
import { post, type RouteEnv, seededRouteEnv } from './support/route-env';

// An admin creates reader accounts in the web UI or with the Bearer token (issue 20 item 1).

const TOKEN = 'admin-users-test-token-0123456789';
let env: RouteEnv;

const create = (
  fields: Record<string, string>,
  headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` },
) =>
  createUser(
    post('/api/admin/users', JSON.stringify(fields), { 'Content-Type': 'application/json', ...headers }),
  );

beforeAll(async () => {
  env = await seededRouteEnv({ ADMIN_TOKEN: TOKEN, WEB_PUBLIC_URL: undefined });
});
afterAll(async () => {
  await env?.cleanup();
});

describe('admin: reader accounts', () => {
  it('creates an account that can then sign in, and refuses a taken name, a bad password and non-admins', async () => {
    const response = await create({ name: 'Dana', password: 'correct horse battery', role: 'admin' });
    expect(response.status).toBe(201);
    expect((await response.json()).data).toMatchObject({ name: 'Dana', role: 'admin' });
    expect((await (await getDb()).users.authenticate('dana', 'correct horse battery'))?.name).toBe('Dana');

    const taken = await create({ name: 'DANA', password: 'another password' });
    expect(taken.status).toBe(409);
    const short = await create({ name: 'eve', password: 'short' });
    expect(short.status).toBe(400);
    expect((await short.json()).error.message).toContain('password has 8');
    expect((await create({ name: 'mallory', password: 'correct horse battery' }, {})).status).toBe(401);
    expect(
      (
        await create(
          { name: 'mallory', password: 'correct horse battery' },
          { Authorization: 'Bearer wrong-token-wrong-token' },
        )
      ).status,
    ).toBe(401);
    expect((await (await getDb()).users.list()).map((user) => user.name)).toEqual(['Dana']);
  });
});

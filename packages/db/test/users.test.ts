import { describe, expect, it } from 'vitest';
import { DbError } from '../src/errors.js';
import { hashPassword, verifyPassword } from '../src/readers/password-hash.js';
import { ENGINES, useTestDb } from './helpers/test-db.js';

describe('password hashes', () => {
  it('carry scheme, parameters and a per-hash salt, and verify only the right password', async () => {
    const params = { N: 1024, r: 8, p: 1 };
    const first = await hashPassword('correct horse', params);
    const second = await hashPassword('correct horse', params);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse', first)).toBe(true);
    expect(await verifyPassword('correct horsf', first)).toBe(false);
    expect(await verifyPassword('correct horse', 'md5$abc')).toBe(false);
    expect(await verifyPassword('correct horse', 'scrypt$0$8$1$aa$bb')).toBe(false);
  });
});

describe.each(ENGINES)('users on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('adds, lists, finds case-insensitively, authenticates and removes accounts', async () => {
    const ann = await t.db.users.add({ name: 'Ann', password: 'sesame-street', role: 'admin' });
    expect(ann).toMatchObject({ name: 'Ann', role: 'admin' });
    await t.db.users.add({ name: 'bob', password: 'hunter2hunter2' });
    expect((await t.db.users.list()).map((user) => [user.name, user.role])).toEqual([
      ['Ann', 'admin'],
      ['bob', 'reader'],
    ]);
    expect((await t.db.users.getByName('ANN'))?.id).toBe(ann.id);
    expect((await t.db.users.authenticate('ann', 'sesame-street'))?.id).toBe(ann.id);
    expect(await t.db.users.authenticate('ann', 'sesame-streeT')).toBeNull();
    expect(await t.db.users.authenticate('nobody', 'sesame-street')).toBeNull();
    expect(await t.db.users.authenticate('x'.repeat(10_000), 'sesame-street')).toBeNull();

    await t.db.sessions.create({ id: 'ann-session', userId: ann.id, expiresAt: '2099-01-01T00:00:00Z' });
    expect(await t.db.users.remove('ANN')).toBe(true);
    expect(await t.db.users.remove('ann')).toBe(false);
    expect(await t.db.sessions.get('ann-session')).toBeNull();
    expect(await t.db.users.authenticate('ann', 'sesame-street')).toBeNull();
  });

  it('refuses a taken name in any letter case, bad names and short passwords, as typed errors', async () => {
    await t.db.users.add({ name: 'Carol', password: 'long enough' });
    await expect(t.db.users.add({ name: 'CAROL', password: 'long enough' })).rejects.toMatchObject({
      code: 'CONSTRAINT_VIOLATION',
    });
    await expect(t.db.users.add({ name: 'has space', password: 'long enough' })).rejects.toThrow(DbError);
    await expect(t.db.users.add({ name: '', password: 'long enough' })).rejects.toThrow(DbError);
    await expect(t.db.users.add({ name: 'dave', password: 'short' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect((await t.db.users.list()).length).toBe(1);
  });
});

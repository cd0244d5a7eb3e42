import { describe, expect, it } from 'vitest';
import { DbError } from '../src/errors.js';
import { ENGINES, useTestDb } from './helpers/test-db.js';

const at = (iso: string) => new Date(iso);

describe.each(ENGINES)('sessions on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('finds a session until it expires or is removed, and only then', async () => {
    const created = await t.db.sessions.create({
      id: 'digest-a',
      expiresAt: '2026-03-01T12:00:00.000Z',
      createdAt: '2026-03-01T00:00:00.000Z',
    });
    expect(created).toEqual({
      id: 'digest-a',
      userId: null,
      createdAt: '2026-03-01T00:00:00.000Z',
      expiresAt: '2026-03-01T12:00:00.000Z',
    });
    expect(await t.db.sessions.get('digest-a', at('2026-03-01T11:59:59.999Z'))).toEqual(created);
    expect(await t.db.sessions.get('digest-a', at('2026-03-01T12:00:00.000Z'))).toBeNull();
    expect(await t.db.sessions.get('digest-b', at('2026-03-01T01:00:00.000Z'))).toBeNull();

    expect(await t.db.sessions.remove('digest-a')).toBe(true);
    expect(await t.db.sessions.get('digest-a', at('2026-03-01T01:00:00.000Z'))).toBeNull();
    expect(await t.db.sessions.remove('digest-a')).toBe(false);
  });

  it('keeps a user id, and ends one user’s sessions without touching the others', async () => {
    const expiresAt = '2099-01-01T00:00:00.000Z';
    await t.db.sessions.create({ id: 'admin-1', expiresAt });
    await t.db.sessions.create({ id: 'user-7a', userId: 7, expiresAt });
    await t.db.sessions.create({ id: 'user-7b', userId: 7, expiresAt });
    expect((await t.db.sessions.get('user-7a'))?.userId).toBe(7);
    expect(await t.db.sessions.removeForUser(7)).toBe(2);
    expect(await t.db.sessions.get('user-7b')).toBeNull();
    expect(await t.db.sessions.get('admin-1')).not.toBeNull();
    expect(await t.db.sessions.removeForUser(null)).toBe(1);
  });

  it('cleans expired rows and leaves live ones', async () => {
    await t.db.sessions.create({ id: 'old', expiresAt: '2026-01-01T00:00:00.000Z' });
    await t.db.sessions.create({ id: 'live', expiresAt: '2026-06-01T00:00:00.000Z' });
    expect(await t.db.sessions.removeExpired(at('2026-02-01T00:00:00.000Z'))).toBe(1);
    expect(await t.db.sessions.get('live', at('2026-02-01T00:00:00.000Z'))).not.toBeNull();
    expect(await t.db.sessions.removeExpired(at('2026-02-01T00:00:00.000Z'))).toBe(0);
  });

  it('refuses a second session with the same id and an impossible expiry as typed errors', async () => {
    await t.db.sessions.create({ id: 'twice', expiresAt: '2099-01-01T00:00:00.000Z' });
    await expect(
      t.db.sessions.create({ id: 'twice', expiresAt: '2099-01-01T00:00:00.000Z' }),
    ).rejects.toThrow(DbError);
    await expect(t.db.sessions.create({ id: 'bad', expiresAt: 'soon' })).rejects.toThrow(DbError);
  });
});

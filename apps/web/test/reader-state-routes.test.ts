import type { NewsfeedDb } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as itemsRoute } from '../app/api/state/items/route';
import { POST as storiesRoute } from '../app/api/state/stories-read/route';
import { getDb } from '../lib/db';
import { localPath } from '../lib/state-form';
import { startUserSession, userCsrfToken } from '../lib/user-session';
import { ORIGIN, post, type RouteEnv, seededRouteEnv } from './support/route-env';

// The reader's state forms (Save, read/unread, "mark all read up to here"): a live session, the
// same origin and the session's form token, valid ids within WEB_GREADER_MAX_IDS, a local `back`.

let env: RouteEnv;
let db: NewsfeedDb;
let annId: number;
let secret: string;
let itemId: number;

const send = (
  route: (request: Request) => Promise<Response>,
  path: string,
  fields: [string, string][],
  headers: Record<string, string> = {},
) =>
  route(
    post(path, new URLSearchParams(fields), {
      'Content-Type': 'application/x-www-form-urlencoded',
      Origin: ORIGIN,
      Cookie: `newsfeed_session=${secret}`,
      ...headers,
    }),
  );

beforeAll(async () => {
  env = await seededRouteEnv({ WEB_GREADER_MAX_IDS: '50', WEB_PUBLIC_URL: undefined });
  db = await getDb();
  const ann = await db.users.add({ name: 'ann', password: 'correct horse battery' });
  annId = ann.id;
  secret = await startUserSession(ann);
  itemId = (await db.itemStates.stream(annId, { limit: 1 })).items[0]!.id;
});
afterAll(async () => {
  await env?.cleanup();
});

describe('reader state forms', () => {
  it('saves and marks read with a valid form, then goes back to a local page only', async () => {
    const csrf = userCsrfToken(secret);
    const saved = await send(itemsRoute, '/api/state/items', [
      ['item', String(itemId)],
      ['action', 'save'],
      ['csrf', csrf],
      ['back', '/saved'],
    ]);
    expect([saved.status, saved.headers.get('location')]).toEqual([303, '/saved']);
    expect((await db.itemStates.get(annId, [itemId])).get(itemId)).toEqual({ read: false, starred: true });
    const evil = await send(itemsRoute, '/api/state/items', [
      ['item', String(itemId)],
      ['action', 'read'],
      ['csrf', csrf],
      ['back', '//evil.example/'],
    ]);
    expect(evil.headers.get('location')).toBe('/');
    expect((await db.itemStates.get(annId, [itemId])).get(itemId)).toEqual({ read: true, starred: true });
    expect(['/x?y=1', 'https://evil.example', '//evil', '/\\evil', null].map(localPath)).toEqual([
      '/x?y=1',
      '/',
      '/',
      '/',
      '/',
    ]);
  });

  it('refuses without a session, across sites, without the form token, and with bad or too many ids', async () => {
    const csrf = userCsrfToken(secret);
    const base: [string, string][] = [
      ['item', String(itemId)],
      ['action', 'unsave'],
    ];
    expect(
      (await send(itemsRoute, '/api/state/items', [...base, ['csrf', csrf]], { Cookie: '' })).status,
    ).toBe(401);
    expect(
      (
        await send(itemsRoute, '/api/state/items', [...base, ['csrf', csrf]], {
          Origin: 'https://evil.example',
        })
      ).status,
    ).toBe(403);
    expect((await send(itemsRoute, '/api/state/items', [...base, ['csrf', 'forged']])).status).toBe(403);
    expect(
      (
        await send(itemsRoute, '/api/state/items', [
          ['item', String(itemId)],
          ['action', 'delete'],
          ['csrf', csrf],
        ])
      ).status,
    ).toBe(400);
    expect(
      (
        await send(itemsRoute, '/api/state/items', [
          ['item', 'abc'],
          ['action', 'unsave'],
          ['csrf', csrf],
        ])
      ).status,
    ).toBe(400);
    const many: [string, string][] = Array.from({ length: 51 }, () => ['story', '1']);
    expect((await send(storiesRoute, '/api/state/stories-read', [...many, ['csrf', csrf]])).status).toBe(400);
    expect((await db.itemStates.get(annId, [itemId])).get(itemId)?.starred).toBe(true);
  });

  it('marks the listed stories read', async () => {
    const story = (await db.itemStates.stream(annId, { limit: 5, excludeRead: true })).items.find(
      (item) => item.storyId,
    )!;
    const response = await send(storiesRoute, '/api/state/stories-read', [
      ['story', String(story.storyId)],
      ['csrf', userCsrfToken(secret)],
    ]);
    expect(response.status).toBe(303);
    expect(await db.itemStates.readStories(annId, [story.storyId!])).toEqual(new Set([story.storyId]));
  });
});

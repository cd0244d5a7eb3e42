import type { Engine, NewsfeedDb } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '../../app/api/greader.php/[...path]/route';
import { getDb } from '../../lib/db';
import { issueAuthToken } from '../../lib/greader/auth';
import { longItemId } from '../../lib/greader/item-ids';
import { get, POSTGRES_SKIP_REASON, post, type RouteEnv, seededRouteEnv } from './route-env';

// Contract of the Google Reader API (README, "Google Reader API"): every endpoint with the shapes the
// public descriptions give, and its refusals: 401 without a live token, 400 for bad ids, streams,
// counts and continuations, the WEB_GREADER_MAX_IDS bound, and one user's edits never touching another's.

const BASE = '/api/greader.php';
const API = `${BASE}/reader/api/0`;
const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

let env: RouteEnv;
let db: NewsfeedDb;
let ann: string;
let bob: string;
let annId: number;
let bobId: number;
let planetUrl: string;

async function login(name: string, password: string): Promise<Response> {
  return POST(
    post(`${BASE}/accounts/ClientLogin`, new URLSearchParams({ Email: name, Passwd: password }), FORM),
  );
}

async function authOf(name: string): Promise<string> {
  const body = await (await login(name, 'correct horse battery')).text();
  return /^Auth=(.+)$/m.exec(body)![1]!;
}

const auth = (token: string) => ({ Authorization: `GoogleLogin auth=${token}` });

async function getJson(path: string, token: string) {
  const response = await GET(get(path, auth(token)));
  expect(response.status).toBe(200);
  return response.json();
}

async function actionToken(token: string): Promise<string> {
  return (await GET(get(`${API}/token`, auth(token)))).text();
}

async function postForm(path: string, token: string, form: URLSearchParams): Promise<Response> {
  return POST(post(path, form, { ...FORM, ...auth(token) }));
}

async function unreadOf(token: string, streamId: string): Promise<number> {
  const body = await getJson(`${API}/unread-count?output=json`, token);
  return body.unreadcounts.find((row: { id: string }) => row.id === streamId)?.count ?? 0;
}

export function describeGreaderContract(engine: Engine): void {
  describe.skipIf(engine === 'postgres' && POSTGRES_SKIP_REASON !== null)(
    `Google Reader API on ${engine}`,
    () => {
      beforeAll(async () => {
        env = await seededRouteEnv(
          { WEB_GREADER_MAX_IDS: '500', WEB_GREADER_MAX_ITEMS: '100', WEB_API_TOKEN_DAYS: '1' },
          engine,
        );
        db = await getDb();
        annId = (await db.users.add({ name: 'Ann', password: 'correct horse battery' })).id;
        bobId = (await db.users.add({ name: 'bob', password: 'correct horse battery' })).id;
        await db.feeds.update(env.seed.feeds.planet, { folder: 'Science' });
        planetUrl = (await db.feeds.get(env.seed.feeds.planet))!.url;
        ann = await authOf('ann');
        bob = await authOf('bob');
      });
      afterAll(async () => {
        await env?.cleanup();
      });

      describe('Google Reader API: sign-in', () => {
        it('answers a wrong password and an unknown user alike, and a right one with an Auth token', async () => {
          const wrong = await login('ann', 'wrong password!');
          const unknown = await login('nobody', 'wrong password!');
          expect([wrong.status, unknown.status]).toEqual([401, 401]);
          expect(await wrong.text()).toBe(await unknown.text());
          const viaQuery = await GET(
            get(`${BASE}/accounts/ClientLogin?Email=ann&Passwd=correct+horse+battery`),
          );
          expect(viaQuery.status).toBe(405);
          const right = await login('ANN', 'correct horse battery');
          expect(right.status).toBe(200);
          expect(await right.text()).toMatch(/^SID=.+\nLSID=null\nAuth=\d+\/[\w-]{32}\n$/);
        });

        it('refuses every endpoint without a token, with a forged one, and after the user is removed', async () => {
          for (const path of ['token', 'user-info', 'subscription/list', 'unread-count', 'stream/contents']) {
            expect((await GET(get(`${API}/${path}`))).status).toBe(401);
            expect(
              (await GET(get(`${API}/${path}`, auth(`${annId}/forgedforgedforgedforgedforged00`)))).status,
            ).toBe(401);
          }
          const carol = await db.users.add({ name: 'carol', password: 'correct horse battery' });
          const token = await authOf('carol');
          expect((await GET(get(`${API}/user-info`, auth(token)))).status).toBe(200);
          await db.users.remove(carol.name);
          expect((await GET(get(`${API}/user-info`, auth(token)))).status).toBe(401);
        });
      });

      describe('Google Reader API: lists', () => {
        it('user-info, subscription/list with folders as labels, tag/list', async () => {
          expect(await getJson(`${API}/user-info?output=json`, ann)).toEqual({
            userId: String(annId),
            userName: 'Ann',
            userProfileId: String(annId),
            userEmail: '',
          });
          const { subscriptions } = await getJson(`${API}/subscription/list?output=json`, ann);
          const planet = subscriptions.find((sub: { url: string }) => sub.url === planetUrl);
          expect(planet).toMatchObject({
            id: `feed/${planetUrl}`,
            categories: [{ id: 'user/-/label/Science', label: 'Science' }],
          });
          expect(typeof planet.title).toBe('string');
          const { tags } = await getJson(`${API}/tag/list?output=json`, ann);
          expect(tags).toContainEqual({ id: STARRED });
          expect(tags).toContainEqual({ id: 'user/-/label/Science', type: 'folder' });
        });

        it('stream/contents pages with continuation, filters by feed, label, xt=read and time; rejects bad input with 400', async () => {
          const first = await getJson(
            `${API}/stream/contents/user%2F-%2Fstate%2Fcom.google%2Freading-list?n=5`,
            ann,
          );
          expect(first.items).toHaveLength(5);
          expect(first.items[0]).toMatchObject({
            id: expect.stringMatching(/^tag:google\.com,2005:reader\/item\/[0-9a-f]{16}$/),
            timestampUsec: expect.stringMatching(/^\d+$/),
            categories: expect.arrayContaining(['user/-/state/com.google/reading-list']),
            origin: { streamId: expect.stringMatching(/^feed\//) },
            summary: { content: expect.any(String) },
          });
          const second = await getJson(
            `${API}/stream/contents?s=user/-/state/com.google/reading-list&n=5&c=${first.continuation}`,
            ann,
          );
          expect(second.items.map((item: { id: string }) => item.id)).not.toContain(first.items[4].id);
          expect(Number(second.items[0].timestampUsec)).toBeLessThanOrEqual(
            Number(first.items[4].timestampUsec),
          );

          const feed = await getJson(
            `${API}/stream/contents/${encodeURIComponent(`feed/${planetUrl}`)}?n=100`,
            ann,
          );
          expect(feed.items.length).toBeGreaterThan(0);
          expect(
            feed.items.every(
              (item: { origin: { streamId: string } }) => item.origin.streamId === `feed/${planetUrl}`,
            ),
          ).toBe(true);
          const label = await getJson(`${API}/stream/contents/user%2F-%2Flabel%2FScience?n=100`, ann);
          expect(label.items.length).toBe(feed.items.length);

          const newest = Number(first.items[0].timestampUsec) / 1e6;
          const bounded = await getJson(
            `${API}/stream/contents?s=user/-/state/com.google/reading-list&ot=${Math.floor(newest)}&n=100`,
            ann,
          );
          expect(
            bounded.items.every(
              (item: { timestampUsec: string }) => Number(item.timestampUsec) >= Math.floor(newest) * 1e6,
            ),
          ).toBe(true);
          const capped = await getJson(
            `${API}/stream/contents?s=user/-/state/com.google/reading-list&n=100000`,
            ann,
          );
          expect(capped.items.length).toBeLessThanOrEqual(100);

          for (const bad of [
            `${API}/stream/contents?s=user/-/state/com.google/reading-list&c=not-a-continuation`,
            `${API}/stream/contents?s=user/-/state/com.google/reading-list&n=lots`,
            `${API}/stream/contents?s=user/-/state/com.google/reading-list&ot=yesterday`,
            `${API}/stream/contents?s=bogus/stream`,
            `${API}/stream/items/ids`,
            `${API}/stream/contents/%E0%A4%A`,
          ])
            expect((await GET(get(bad, auth(ann)))).status, bad).toBe(400);
          expect((await GET(get(`${API}/no/such/endpoint`, auth(ann)))).status).toBe(404);
        });

        it('stream/items/ids gives short ids that stream/items/contents accepts in either form', async () => {
          const { itemRefs } = await getJson(
            `${API}/stream/items/ids?s=user/-/state/com.google/reading-list&n=3`,
            ann,
          );
          expect(itemRefs).toHaveLength(3);
          expect(itemRefs[0]).toMatchObject({
            id: expect.stringMatching(/^\d+$/),
            timestampUsec: expect.any(String),
          });
          const ids = itemRefs.map((ref: { id: string }) => Number(ref.id));
          const form = new URLSearchParams([
            ['i', String(ids[0])],
            ['i', longItemId(ids[1])],
            ['i', '999999999'],
          ]);
          const response = await postForm(`${API}/stream/items/contents`, ann, form);
          expect(response.status).toBe(200);
          const body = await response.json();
          expect(body.items.map((item: { id: string }) => item.id).sort()).toEqual(
            [longItemId(ids[0]), longItemId(ids[1])].sort(),
          );
          const bad = await postForm(
            `${API}/stream/items/contents`,
            ann,
            new URLSearchParams([['i', 'tag:google.com,2005:reader/item/xyz']]),
          );
          expect(bad.status).toBe(400);
        });
      });

      describe('Google Reader API: state changes', () => {
        it('edit-tag marks read and starred for the caller only, and needs the action token', async () => {
          const { itemRefs } = await getJson(
            `${API}/stream/items/ids?s=feed/${encodeURIComponent(planetUrl)}&n=2`,
            ann,
          );
          const [first, second] = itemRefs.map((ref: { id: string }) => Number(ref.id));
          const T = await actionToken(ann);
          const before = await unreadOf(ann, `feed/${planetUrl}`);

          const noToken = await postForm(
            `${API}/edit-tag`,
            ann,
            new URLSearchParams({ i: String(first), a: READ }),
          );
          expect(noToken.status).toBe(401);
          expect(noToken.headers.get('x-reader-google-bad-token')).toBe('true');
          const bobsToken = await postForm(
            `${API}/edit-tag`,
            ann,
            new URLSearchParams({ i: String(first), a: READ, T: await actionToken(bob) }),
          );
          expect(bobsToken.status).toBe(401);
          expect(await unreadOf(ann, `feed/${planetUrl}`)).toBe(before);

          const ok = await postForm(
            `${API}/edit-tag`,
            ann,
            new URLSearchParams([
              ['i', longItemId(first)],
              ['i', String(second)],
              ['a', READ],
              ['a', STARRED],
              ['T', T],
            ]),
          );
          expect([ok.status, await ok.text()]).toEqual([200, 'OK']);
          expect(await unreadOf(ann, `feed/${planetUrl}`)).toBe(before - 2);
          expect(await unreadOf(bob, `feed/${planetUrl}`)).toBe(before);
          const starred = await getJson(
            `${API}/stream/contents/user%2F-%2Fstate%2Fcom.google%2Fstarred`,
            ann,
          );
          expect(starred.items.map((item: { id: string }) => item.id).sort()).toEqual(
            [longItemId(first), longItemId(second)].sort(),
          );
          expect(starred.items[0].categories).toEqual(expect.arrayContaining([READ, STARRED]));
          expect(
            (await getJson(`${API}/stream/contents/user%2F-%2Fstate%2Fcom.google%2Fstarred`, bob)).items,
          ).toEqual([]);
          const readStream = await getJson(`${API}/stream/items/ids?s=${READ}&n=100`, ann);
          expect(readStream.itemRefs.map((ref: { id: string }) => Number(ref.id)).sort()).toEqual(
            [first, second].sort(),
          );
          const unreadOnly = await getJson(
            `${API}/stream/items/ids?s=feed/${encodeURIComponent(planetUrl)}&xt=${READ}&n=100`,
            ann,
          );
          expect(unreadOnly.itemRefs.map((ref: { id: string }) => Number(ref.id))).not.toContain(first);

          await postForm(`${API}/edit-tag`, ann, new URLSearchParams({ i: String(first), r: READ, T }));
          expect(await unreadOf(ann, `feed/${planetUrl}`)).toBe(before - 1);
        });

        it('refuses bad ids and more than WEB_GREADER_MAX_IDS ids with 400, changing nothing', async () => {
          const T = await actionToken(bob);
          const total = await unreadOf(bob, 'user/-/state/com.google/reading-list');
          const { itemRefs } = await getJson(
            `${API}/stream/items/ids?s=user/-/state/com.google/reading-list&n=1`,
            bob,
          );
          const good = itemRefs[0].id;
          for (const badId of [
            'abc',
            '0',
            '-',
            'tag:google.com,2005:reader/item/123',
            '99999999999999999999999',
          ]) {
            const response = await postForm(
              `${API}/edit-tag`,
              bob,
              new URLSearchParams([
                ['i', good],
                ['i', badId],
                ['a', READ],
                ['T', T],
              ]),
            );
            expect(response.status, badId).toBe(400);
          }
          const many = new URLSearchParams([
            ['a', READ],
            ['T', T],
          ]);
          for (let n = 0; n < 10_000; n += 1) many.append('i', good);
          const tooMany = await postForm(`${API}/edit-tag`, bob, many);
          expect(tooMany.status).toBe(400);
          expect(await tooMany.text()).toContain('WEB_GREADER_MAX_IDS');
          expect(await unreadOf(bob, 'user/-/state/com.google/reading-list')).toBe(total);
          expect((await db.itemStates.get(bobId, [Number(good)])).get(Number(good))).toEqual({
            read: false,
            starred: false,
          });
        });

        it('mark-all-as-read empties a label up to a time, for the caller only', async () => {
          const T = await actionToken(bob);
          const annBefore = await unreadOf(ann, 'user/-/label/Science');
          expect(await unreadOf(bob, 'user/-/label/Science')).toBeGreaterThan(0);
          const early = await postForm(
            `${API}/mark-all-as-read`,
            bob,
            new URLSearchParams({ s: 'user/-/label/Science', ts: '1000000', T }),
          );
          expect(early.status).toBe(200);
          expect(await unreadOf(bob, 'user/-/label/Science')).toBeGreaterThan(0);
          const all = await postForm(
            `${API}/mark-all-as-read`,
            bob,
            new URLSearchParams({ s: 'user/-/label/Science', T }),
          );
          expect([all.status, await all.text()]).toEqual([200, 'OK']);
          expect(await unreadOf(bob, 'user/-/label/Science')).toBe(0);
          expect(await unreadOf(ann, 'user/-/label/Science')).toBe(annBefore);
          expect(
            (await postForm(`${API}/mark-all-as-read`, bob, new URLSearchParams({ s: 'nonsense', T })))
              .status,
          ).toBe(400);
        });

        it('serves a stream as Atom with Google read-state categories (newsboat’s feedhq source reads these)', async () => {
          const response = await GET(
            get(`${BASE}/reader/atom/${encodeURIComponent(`feed/${planetUrl}`)}?n=50`, auth(bob)),
          );
          expect(response.status).toBe(200);
          expect(response.headers.get('content-type')).toContain('application/atom+xml');
          const atom = await response.text();
          expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
          expect(atom).toMatch(/<entry><id>tag:google\.com,2005:reader\/item\/[0-9a-f]{16}<\/id>/);
          expect(atom).toContain('scheme="http://www.google.com/reader/" label="read"');
        });
      });

      describe('Google Reader API: token expiry', () => {
        it('refuses a token past WEB_API_TOKEN_DAYS', async () => {
          const user = (await db.users.getByName('bob'))!;
          const old = await issueAuthToken(user, new Date(Date.now() - 2 * 86_400_000));
          expect((await GET(get(`${API}/user-info`, auth(old)))).status).toBe(401);
          const fresh = await issueAuthToken(user);
          expect((await GET(get(`${API}/user-info`, auth(fresh)))).status).toBe(200);
        });
      });
    },
  );
}

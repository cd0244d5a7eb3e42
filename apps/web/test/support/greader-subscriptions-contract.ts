import type { Engine, NewsfeedDb } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET, POST } from '../../app/api/greader.php/[...path]/route';
import { getDb } from '../../lib/db';
import { get, POSTGRES_SKIP_REASON, post, type RouteEnv, seededRouteEnv } from './route-env';

// Contract of the Google Reader API's subscription changes (README, "Google Reader API"):
// `subscription/edit` (ac=subscribe|unsubscribe|edit, s, t, a, r) answers "OK" and
// `subscription/quickadd` answers {query, numResults, streamId, streamName}, as FreshRSS's
// p/api/greader.php and Miniflux's internal/googlereader serve them. Admins only (403 for a reader),
// the action token T (401 without), the admin page's address rule (400 for a bad URL), and a refused
// request changes nothing.

const BASE = '/api/greader.php';
const API = `${BASE}/reader/api/0`;
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'correct horse battery';

let env: RouteEnv;
let db: NewsfeedDb;
let admin: string;
let reader: string;

const auth = (token: string) => ({ Authorization: `GoogleLogin auth=${token}` });

async function authOf(name: string): Promise<string> {
  const response = await POST(
    post(`${BASE}/accounts/ClientLogin`, new URLSearchParams({ Email: name, Passwd: PASSWORD }), FORM),
  );
  return /^Auth=(.+)$/m.exec(await response.text())![1]!;
}

async function actionToken(token: string): Promise<string> {
  return (await GET(get(`${API}/token`, auth(token)))).text();
}

async function postForm(path: string, token: string | null, form: [string, string][]): Promise<Response> {
  return POST(post(`${API}/${path}`, new URLSearchParams(form), { ...FORM, ...(token ? auth(token) : {}) }));
}

async function listed(
  token: string,
): Promise<{ url: string; title: string; categories: { label: string }[] }[]> {
  return (await (await GET(get(`${API}/subscription/list?output=json`, auth(token)))).json()).subscriptions;
}

export function describeGreaderSubscriptionsContract(engine: Engine): void {
  describe.skipIf(engine === 'postgres' && POSTGRES_SKIP_REASON !== null)(
    `Google Reader API subscription changes on ${engine}`,
    () => {
      beforeAll(async () => {
        env = await seededRouteEnv({ WEB_GREADER_MAX_IDS: '50' }, engine);
        db = await getDb();
        await db.users.add({ name: 'root', password: PASSWORD, role: 'admin' });
        await db.users.add({ name: 'rita', password: PASSWORD });
        admin = await authOf('root');
        reader = await authOf('rita');
      });
      afterAll(async () => {
        await env?.cleanup();
      });

      it('quickadd subscribes an admin to a URL without fetching it, and is idempotent', async () => {
        const T = await actionToken(admin);
        const response = await postForm('subscription/quickadd', admin, [
          ['quickadd', 'feed/https://quickadd.example.org/feed.xml'],
          ['T', T],
        ]);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          query: 'feed/https://quickadd.example.org/feed.xml',
          numResults: 1,
          streamId: 'feed/https://quickadd.example.org/feed.xml',
          streamName: 'https://quickadd.example.org/feed.xml',
        });
        const feed = (await db.feeds.getByUrl('https://quickadd.example.org/feed.xml'))!;
        expect(feed.lastSuccessAt).toBeNull();
        expect((await db.polls.listByFeed(feed.id)).items).toEqual([]);
        expect((await listed(reader)).map((sub) => sub.url)).toContain(feed.url);
        const again = await postForm('subscription/quickadd', admin, [
          ['quickadd', 'https://quickadd.example.org/feed.xml'],
          ['T', T],
        ]);
        expect((await again.json()).numResults).toBe(1);
        expect((await listed(admin)).filter((sub) => sub.url === feed.url)).toHaveLength(1);
      });

      it('subscription/edit subscribes with a title and folder, renames, moves, unfiles and unsubscribes', async () => {
        const T = await actionToken(admin);
        const url = 'https://edit.example.org/rss';
        const subscribe = await postForm('subscription/edit', admin, [
          ['ac', 'subscribe'],
          ['s', `feed/${url}`],
          ['t', 'Edit Example'],
          ['a', 'user/-/label/Tech'],
          ['T', T],
        ]);
        expect([subscribe.status, await subscribe.text()]).toEqual([200, 'OK']);
        expect((await listed(admin)).find((sub) => sub.url === url)).toMatchObject({
          title: 'Edit Example',
          categories: [{ label: 'Tech' }],
        });

        const edit = await postForm('subscription/edit', admin, [
          ['ac', 'edit'],
          ['s', `feed/${url}`],
          ['t', 'Renamed'],
          ['a', 'user/-/label/Gadgets'],
          ['r', 'user/-/label/Tech'],
          ['T', T],
        ]);
        expect(edit.status).toBe(200);
        expect((await listed(admin)).find((sub) => sub.url === url)).toMatchObject({
          title: 'Renamed',
          categories: [{ label: 'Gadgets' }],
        });

        await postForm('subscription/edit', admin, [
          ['ac', 'edit'],
          ['s', `feed/${url}`],
          ['r', 'user/-/label/Gadgets'],
          ['T', T],
        ]);
        expect((await db.feeds.getByUrl(url))?.folder).toBeNull();

        const unsubscribe = await postForm('subscription/edit', admin, [
          ['ac', 'unsubscribe'],
          ['s', `feed/${url}`],
          ['T', T],
        ]);
        expect(unsubscribe.status).toBe(200);
        expect(await db.feeds.getByUrl(url)).toBeNull();
      });

      it('refuses bad URLs, actions, labels and unknown feeds with 400, changing nothing', async () => {
        const T = await actionToken(admin);
        const before = (await listed(admin)).length;
        const planet = (await db.feeds.get(env.seed.feeds.planet))!;
        const refusals: [string, [string, string][]][] = [
          ['subscription/quickadd', [['quickadd', 'javascript:alert(1)']]],
          ['subscription/quickadd', [['quickadd', 'nope']]],
          ['subscription/quickadd', []],
          [
            'subscription/edit',
            [
              ['ac', 'subscribe'],
              ['s', 'feed/ftp://files.example.org/feed'],
            ],
          ],
          [
            'subscription/edit',
            [
              ['ac', 'subscribe'],
              ['s', 'user/-/label/Tech'],
            ],
          ],
          [
            'subscription/edit',
            [
              ['ac', 'explode'],
              ['s', `feed/${planet.url}`],
            ],
          ],
          ['subscription/edit', [['ac', 'edit']]],
          [
            'subscription/edit',
            [
              ['ac', 'edit'],
              ['s', `feed/${planet.url}`],
              ['a', 'feed/elsewhere'],
            ],
          ],
          [
            'subscription/edit',
            [
              ['ac', 'edit'],
              ['s', `feed/${planet.url}`],
              ['t', 'x'.repeat(301)],
            ],
          ],
          [
            'subscription/edit',
            [
              ['ac', 'unsubscribe'],
              ['s', `feed/${planet.url}`],
              ['s', 'feed/https://never.example.org/feed'],
            ],
          ],
        ];
        for (const [path, form] of refusals) {
          const response = await postForm(path, admin, [...form, ['T', T]]);
          expect(response.status, JSON.stringify(form)).toBe(400);
        }
        expect((await listed(admin)).length).toBe(before);
        expect(await db.feeds.get(planet.id)).toMatchObject({ title: planet.title, folder: planet.folder });
      });

      it('refuses a reader with 403 and a missing action token or Auth header with 401', async () => {
        const url = 'https://refused.example.org/feed';
        const readerT = await actionToken(reader);
        const asReader = await postForm('subscription/quickadd', reader, [
          ['quickadd', url],
          ['T', readerT],
        ]);
        expect(asReader.status).toBe(403);
        const readerEdit = await postForm('subscription/edit', reader, [
          ['ac', 'subscribe'],
          ['s', `feed/${url}`],
          ['T', readerT],
        ]);
        expect(readerEdit.status).toBe(403);
        const noT = await postForm('subscription/quickadd', admin, [['quickadd', url]]);
        expect(noT.status).toBe(401);
        expect(noT.headers.get('x-reader-google-bad-token')).toBe('true');
        const noAuth = await postForm('subscription/edit', null, [
          ['ac', 'subscribe'],
          ['s', `feed/${url}`],
          ['T', await actionToken(admin)],
        ]);
        expect(noAuth.status).toBe(401);
        const viaGet = await GET(get(`${API}/subscription/quickadd?quickadd=${url}`, auth(admin)));
        expect(viaGet.status).toBe(405);
        expect(await db.feeds.getByUrl(url)).toBeNull();
      });
    },
  );
}

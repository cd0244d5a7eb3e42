import { readFileSync } from 'node:fs';
import { SubscriptionUrlError, subscribableUrl } from '@newsfeed/parser/url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as addFeed } from '../app/api/admin/feeds/route';
import { POST as login } from '../app/api/admin/login/route';
import { GET as exportOpml, POST as importOpml } from '../app/api/admin/opml/route';
import { csrfToken, verifySession } from '../lib/admin-session';
import { getDb } from '../lib/db';
import { get, ORIGIN, post, type RouteEnv, seededRouteEnv } from './support/route-env';

// Subscribing through the admin: the README's curl import, the admin page's upload, a damaged list
// reported, and the same address rule as the worker's `add` (subscribableUrl).

const TOKEN = 'subscriptions-test-admin-token-0123456789';
const BEARER = { Authorization: `Bearer ${TOKEN}` };
const DAMAGED = readFileSync(
  new URL('../../../packages/parser/test/fixtures/opml/unclosed-outline.opml', import.meta.url),
  'utf8',
);
let env: RouteEnv;

beforeAll(async () => {
  env = await seededRouteEnv({ ADMIN_TOKEN: TOKEN, WEB_PUBLIC_URL: undefined });
});

afterAll(async () => {
  await env?.cleanup();
});

const opml = (...urls: string[]) =>
  `<?xml version="1.0"?>\n<opml version="2.0"><body>${urls.map((url) => `<outline text="${url}" xmlUrl="${url}"/>`).join('')}</body></opml>`;

describe('OPML import', () => {
  it('takes the README command: curl --data-binary sends the file as a form body', async () => {
    // What `curl -X POST -H "Authorization: Bearer …" --data-binary @subscriptions.opml URL` sends.
    const response = await importOpml(
      post('/api/admin/opml', opml('https://curl-a.example/feed', 'https://curl-b.example/feed'), {
        ...BEARER,
        'Content-Type': 'application/x-www-form-urlencoded',
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { added: number }; message: string };
    expect(body.data.added).toBe(2);
    expect(body.message).toBe('Imported 2 new sources.');
    expect(await (await getDb()).feeds.getByUrl('https://curl-b.example/feed')).not.toBeNull();
  });

  it('takes the admin page’s multipart upload with its CSRF field', async () => {
    const signedIn = await login(
      post('/api/admin/login', new URLSearchParams({ token: TOKEN }), {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: ORIGIN,
      }),
    );
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const form = new FormData();
    form.set('csrf', csrfToken(TOKEN, verifySession(TOKEN, cookie.split('=')[1])!));
    form.set('file', new File([opml('https://upload.example/feed')], 'list.opml', { type: 'text/x-opml' }));
    const response = await importOpml(post('/api/admin/opml', form, { Cookie: cookie, Origin: ORIGIN }));
    expect(response.status).toBe(303);
    const notice = new URL(response.headers.get('location') ?? '', ORIGIN).searchParams.get('notice');
    expect(notice).toBe('Imported 1 new source.');
  });

  it('subscribes every feed of a damaged list and answers that it was only partly read', async () => {
    const response = await importOpml(
      post('/api/admin/opml', DAMAGED, { ...BEARER, 'Content-Type': 'text/x-opml' }),
    );
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toMatch(
      /^Imported 3 new sources; the file was damaged and only partly read \(line 6: /,
    );
    const db = await getDb();
    for (const url of ['https://harbour.example/feed.xml', 'https://ledger.example/atom.xml'])
      expect((await db.feeds.getByUrl(url))?.folder).toBe('News');
  });

  it('exports what it imported, folders kept', async () => {
    const exported = await (await exportOpml(get('/api/admin/opml', BEARER))).text();
    expect(exported).toMatch(/<outline text="News" title="News">\s*<outline text="Harbour Herald"/);
  });
});

describe('adding one address: the same answer as the worker’s `add`', () => {
  const add = (url: string) =>
    addFeed(
      post('/api/admin/feeds', JSON.stringify({ url }), { ...BEARER, 'Content-Type': 'application/json' }),
    );

  it.each([
    'example.org',
    'nope',
    'https://intranet/feed',
    ' news.example/rss?utm_source=x#top ',
    'ftp://example.org/feed',
    'http://127.0.0.1:8080/feed',
  ])('%j', async (input) => {
    let expected: string | SubscriptionUrlError;
    try {
      expected = subscribableUrl(input);
    } catch (error) {
      expected = error as SubscriptionUrlError;
    }
    const response = await add(input);
    if (expected instanceof SubscriptionUrlError) {
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        expected.message,
      );
    } else {
      expect(response.status).toBe(201);
      expect(((await response.json()) as { data: { url: string } }).data.url).toBe(expected);
    }
  });

  it('subscribes a bare host name as https:// and refuses a single-label host', async () => {
    const db = await getDb();
    expect(await db.feeds.getByUrl('https://example.org/')).not.toBeNull();
    expect(await db.feeds.getByUrl('https://nope/')).toBeNull();
  });
});

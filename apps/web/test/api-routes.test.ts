import type { StorySummary } from '@newsfeed/db';
import { parseFeed } from '@newsfeed/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '../app/api/health/route';
import { GET as search } from '../app/api/v1/search/route';
import { GET as sources } from '../app/api/v1/sources/route';
import { GET as story } from '../app/api/v1/stories/[id]/route';
import { GET as stories } from '../app/api/v1/stories/route';
import { GET as atomXml } from '../app/atom.xml/route';
import { GET as feedJson } from '../app/feed.json/route';
import { GET as feedXml } from '../app/feed.xml/route';
import { get, idParams, type RouteEnv, seededRouteEnv } from './support/route-env';
import { COVERAGE_WORD, KNOWN_PHRASE, SEEDED_STORIES } from './support/seed';

let env: RouteEnv;

beforeAll(async () => {
  env = await seededRouteEnv({ ADMIN_TOKEN: undefined, WEB_PAGE_SIZE: '30', WEB_PUBLIC_URL: undefined });
});

afterAll(async () => {
  await env?.cleanup();
});

type ListBody<T> = { data: T[]; nextCursor: string | null; next: string | null };

describe('GET /api/v1/stories', () => {
  it('pages through every story with the cursor, without repeats', async () => {
    const seen: number[] = [];
    let path: string | null = '/api/v1/stories?limit=20';
    while (path) {
      const response: Response = await stories(get(path));
      expect(response.status).toBe(200);
      const body = (await response.json()) as ListBody<StorySummary>;
      seen.push(...body.data.map((s) => s.id));
      path = body.next;
    }
    expect(seen.length).toBe(SEEDED_STORIES);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('filters by source and language', async () => {
    const bySource = (await (
      await stories(get(`/api/v1/stories?source=${env.seed.feeds.tech}`))
    ).json()) as ListBody<StorySummary>;
    expect(bySource.data.map((s) => s.title).sort()).toEqual([
      'Hostile markup survives nothing',
      'Synth makers gather in the port city',
    ]);
    const french = (await (await stories(get('/api/v1/stories?lang=fr'))).json()) as ListBody<StorySummary>;
    expect(french.data.map((s) => s.id)).toEqual([env.seed.frenchStoryId]);
  });

  it('names each story’s other outlets with their own headlines, and counts outlets, not copies', async () => {
    const body = (await (await stories(get('/api/v1/stories?limit=5'))).json()) as ListBody<StorySummary>;
    const covered = body.data.find((s) => s.id === env.seed.coverageStoryId);
    expect(covered).toMatchObject({
      title: 'Dockworkers strike shuts the container port',
      leadFeed: { title: 'Daily Planet' },
      itemCount: 5,
      sourceCount: 4,
    });
    expect(covered!.outlets.map((outlet) => [outlet.feed.title, outlet.title])).toEqual([
      ['Gotham Gazette', 'Port walkout strands 30 ships in the bay'],
      ['Evening Herald', 'Unions and port bosses trade blame as dockworkers stay out'],
      ['Bay Courier', 'What the dockworkers’ strike means for shop shelves'],
    ]);
    expect(covered!.outlets[0]).toMatchObject({ url: 'https://news.example/cov-gazette' });
    // Four outlets outrank the two-outlet wire story five minutes newer.
    expect(body.data[0]!.id).toBe(env.seed.coverageStoryId);
  });

  it('answers 400 for a forged cursor', async () => {
    const response = await stories(get('/api/v1/stories?cursor=not-a-cursor'));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_cursor');
  });
});

describe('GET /api/v1/stories/:id', () => {
  it('returns the story with every item, lead first', async () => {
    const response = await story(
      get(`/api/v1/stories/${env.seed.wireStoryId}`),
      idParams(env.seed.wireStoryId),
    );
    const body = (await response.json()) as { data: { story: StorySummary; items: { feedId: number }[] } };
    expect(body.data.story.sourceCount).toBe(2);
    expect(body.data.items).toHaveLength(2);
    expect(body.data.story.wire).toBe('AFP');
    // The other outlet than the lead's, with its own headline.
    const [other] = body.data.story.outlets;
    expect(body.data.story.outlets).toHaveLength(1);
    expect(other!.feed.id).not.toBe(body.data.story.leadFeed.id);
    expect(other!.title).not.toBe(body.data.story.title);
  });

  it('re-sanitizes stored HTML', async () => {
    const response = await story(get('/'), idParams(env.seed.hostileStoryId));
    const body = (await response.json()) as { data: { items: { contentHtml: string }[] } };
    const html = body.data.items[0]!.contentHtml;
    expect(html).toContain('Before the script.');
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<svg|<form|style=/i);
  });

  it.each([
    ['999999', 404],
    ['abc', 400],
  ])('answers %s with %i', async (id, status) => {
    expect((await story(get(`/api/v1/stories/${id}`), idParams(id))).status).toBe(status);
  });
});

describe('GET /api/v1/sources and /api/v1/search', () => {
  it('lists sources with health but no scheduling internals', async () => {
    const body = (await (await sources(get('/api/v1/sources'))).json()) as ListBody<Record<string, unknown>>;
    expect(body.data).toHaveLength(8);
    const failing = body.data.find((feed) => feed.title === 'Broken Bugle');
    expect(failing).toMatchObject({ errorCount: 3, disabled: false });
    expect(failing).not.toHaveProperty('leaseOwner');
    expect(failing).not.toHaveProperty('etag');
  });

  it('finds the known phrase with a highlighted, escaped snippet', async () => {
    const response = await search(get(`/api/v1/search?q=${encodeURIComponent(`"${KNOWN_PHRASE}"`)}`));
    const body = (await response.json()) as ListBody<{ storyId: number; snippetHtml: string }>;
    expect(body.data.map((hit) => hit.storyId)).toEqual([env.seed.phraseStoryId]);
    expect(body.data[0]!.snippetHtml).toMatch(/<mark>quantum[^<]*<\/mark>/i);
  });

  it('returns one hit per story, naming its other outlets', async () => {
    const response = await search(get(`/api/v1/search?q=${COVERAGE_WORD}`));
    const body = (await response.json()) as ListBody<{
      storyId: number;
      sourceCount: number;
      feed: { title: string };
      outlets: { feed: { title: string }; title: string }[];
    }>;
    // Five items of one story match: one hit.
    expect(body.data).toHaveLength(1);
    const [hit] = body.data;
    expect(hit).toMatchObject({ storyId: env.seed.coverageStoryId, sourceCount: 4 });
    expect(hit!.outlets.map((outlet) => outlet.feed.title)).not.toContain(hit!.feed.title);
    expect(hit!.outlets).toHaveLength(3);
  });

  it('requires a query', async () => {
    expect((await search(get('/api/v1/search?q=%20'))).status).toBe(400);
  });
});

describe('GET /api/health', () => {
  it('reports the engine and counts', async () => {
    const body = (await (await health()).json()) as {
      status: string;
      engine: string;
      stats: { stories: number };
    };
    expect(body).toMatchObject({ status: 'ok', engine: 'sqlite' });
    expect(body.stats.stories).toBe(SEEDED_STORIES);
  });
});

describe('feeds out', () => {
  it.each([
    ['/feed.xml', 'rss', feedXml],
    ['/atom.xml', 'atom', atomXml],
    ['/feed.json', 'json', feedJson],
  ] as const)('%s parses back as %s with the top stories', async (path, format, handler) => {
    const response = await handler(get(path));
    expect(response.status).toBe(200);
    const parsed = await parseFeed(await response.text(), {
      url: `http://newsfeed.test${path}`,
      contentType: response.headers.get('content-type') ?? undefined,
    });
    expect(parsed.format).toBe(format);
    expect(parsed.items).toHaveLength(SEEDED_STORIES);
    expect(parsed.feedUrl).toBe(`http://newsfeed.test${path}`);
    const wire = parsed.items.find(
      (item) => item.guid === `http://newsfeed.test/story/${env.seed.wireStoryId}`,
    );
    expect(wire?.summary).toContain('(2 sources)');
    const covered = parsed.items.find(
      (item) => item.guid === `http://newsfeed.test/story/${env.seed.coverageStoryId}`,
    );
    // Each format carries the other outlets' own headlines, by name.
    expect(covered?.contentText).toContain('Port walkout strands 30 ships in the bay – Gotham Gazette');
    expect(covered?.contentText).toContain('4 sources');
  });

  it('feed.json carries each story’s outlets as data', async () => {
    const body = (await (await feedJson(get('/feed.json'))).json()) as {
      items: { id: string; _newsfeed: { source_count?: number; outlets?: { name: string }[] } }[];
    };
    const covered = body.items.find((item) => item.id.endsWith(`/story/${env.seed.coverageStoryId}`));
    expect(covered?._newsfeed.source_count).toBe(4);
    expect(covered?._newsfeed.outlets?.map((outlet) => outlet.name)).toEqual([
      'Gotham Gazette',
      'Evening Herald',
      'Bay Courier',
    ]);
  });

  it('has per-source and per-search variants', async () => {
    const bySource = await parseFeed(
      await (await feedXml(get(`/feed.xml?source=${env.seed.feeds.tech}`))).text(),
    );
    expect(bySource.title).toBe('Tech Weekly · Newsfeed');
    expect(bySource.items.map((item) => item.title).sort()).toEqual([
      'Hostile markup survives nothing',
      'Synth makers gather in the port city',
    ]);
    // The hostile item's content is re-sanitized on the way out too.
    const hostile = bySource.items.find((item) => item.title === 'Hostile markup survives nothing');
    expect(hostile?.contentHtml ?? '').not.toMatch(/<script|onerror|javascript:/i);

    const bySearch = await parseFeed(await (await atomXml(get('/atom.xml?q=harmonica'))).text());
    expect(bySearch.items.map((item) => item.title)).toEqual(['Synth makers gather in the port city']);
  });

  it('answers 404 for an unknown source and 400 for a malformed one', async () => {
    expect((await feedJson(get('/feed.json?source=424242'))).status).toBe(404);
    expect((await feedJson(get('/feed.json?source=abc'))).status).toBe(400);
  });
});

import type { StorySummary } from '@newsfeed/db';
import { parseFeed } from '@newsfeed/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as atomXml } from '../app/atom.xml/route';
import { GET as health } from '../app/api/health/route';
import { GET as search } from '../app/api/v1/search/route';
import { GET as sources } from '../app/api/v1/sources/route';
import { GET as story } from '../app/api/v1/stories/[id]/route';
import { GET as stories } from '../app/api/v1/stories/route';
import { GET as feedJson } from '../app/feed.json/route';
import { GET as feedXml } from '../app/feed.xml/route';
import { KNOWN_PHRASE, FILLER_STORIES } from './support/seed';
import { get, idParams, type RouteEnv, seededRouteEnv } from './support/route-env';

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
    expect(seen.length).toBe(FILLER_STORIES + 5);
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
    expect(body.data).toHaveLength(6);
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
    expect(body.stats.stories).toBe(FILLER_STORIES + 5);
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
    expect(parsed.items).toHaveLength(FILLER_STORIES + 5);
    expect(parsed.feedUrl).toBe(`http://newsfeed.test${path}`);
    const wire = parsed.items.find(
      (item) => item.guid === `http://newsfeed.test/story/${env.seed.wireStoryId}`,
    );
    expect(wire?.summary).toContain('(2 sources)');
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

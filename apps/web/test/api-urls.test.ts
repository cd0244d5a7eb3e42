import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as sources } from '../app/api/v1/sources/route';
import { GET as story } from '../app/api/v1/stories/[id]/route';
import { GET as stories } from '../app/api/v1/stories/route';
import { withHttpUrlsOnly } from '../lib/api-urls';
import { getDb } from '../lib/db';
import { get, idParams, type RouteEnv, seededRouteEnv } from './support/route-env';

// Issue 16 item 8 at the web's edge: a javascript: URL stored before the parser's URL policy (an
// og:image, an OPML htmlUrl) never leaves through the JSON API.

const HOSTILE = [
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(2)',
  'data:text/html,<script>x()</script>',
  'vbscript:x',
];

describe('withHttpUrlsOnly', () => {
  it('nulls every URL-named field that is not http(s), at any depth, and keeps the rest', () => {
    const input = {
      url: HOSTILE[0],
      title: 'javascript:not-a-url-field',
      imageUrl: 'https://images.example/a.png',
      feed: { siteUrl: HOSTILE[1], iconUrl: HOSTILE[2] },
      items: [
        { canonicalUrl: HOSTILE[3], enclosures: [{ url: 'http://media.example/a.mp3', type: 'audio/mpeg' }] },
      ],
      next: '/api/v1/stories?cursor=abc',
    };
    expect(withHttpUrlsOnly(input)).toEqual({
      url: null,
      title: 'javascript:not-a-url-field',
      imageUrl: 'https://images.example/a.png',
      feed: { siteUrl: null, iconUrl: null },
      items: [
        { canonicalUrl: null, enclosures: [{ url: 'http://media.example/a.mp3', type: 'audio/mpeg' }] },
      ],
      next: '/api/v1/stories?cursor=abc',
    });
  });
});

describe('the JSON API', () => {
  let env: RouteEnv;
  beforeAll(async () => {
    env = await seededRouteEnv({ ADMIN_TOKEN: undefined, WEB_PUBLIC_URL: undefined });
    const db = await getDb();
    await db.feeds.update(env.seed.feeds.planet, { siteUrl: HOSTILE[0]!, iconUrl: HOSTILE[1]! });
    const detail = await db.stories.get(env.seed.wireStoryId);
    const lead = detail!.items[0]!;
    await db.items.ingest(lead.feedId, [
      {
        ...lead,
        imageUrl: HOSTILE[2]!,
        commentsUrl: HOSTILE[3]!,
        canonicalUrl: HOSTILE[0]!,
        summary: `${lead.summary ?? ''} (updated)`,
      },
    ]);
  });
  afterAll(async () => {
    await env?.cleanup();
  });

  it('serves no javascript:, data: or vbscript: URL from stories, a story or sources', async () => {
    const bodies = [
      await (await stories(get('/api/v1/stories?limit=100'))).text(),
      await (
        await story(get(`/api/v1/stories/${env.seed.wireStoryId}`), idParams(env.seed.wireStoryId))
      ).text(),
      await (await sources(get('/api/v1/sources'))).text(),
    ];
    for (const body of bodies) expect(body).not.toMatch(/javascript:|data:text|vbscript:/i);
    const planet = (JSON.parse(bodies[2]!) as { data: { id: number; siteUrl: string | null }[] }).data.find(
      (source) => source.id === env.seed.feeds.planet,
    );
    expect(planet?.siteUrl).toBeNull();
  });
});

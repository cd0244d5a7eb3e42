import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../lib/db';
import { mergedStoryPath } from '../lib/story-redirect';
import { type RouteEnv, seededRouteEnv } from './support/route-env';

// A story merged into another keeps its URL: /story/OLD redirects permanently to the story it
// became (app/story/[id]/page.tsx calls permanentRedirect with this path); other ids get none.

let env: RouteEnv;

beforeAll(async () => {
  env = await seededRouteEnv({ ADMIN_TOKEN: undefined, WEB_PUBLIC_URL: undefined });
});

afterAll(async () => {
  await env?.cleanup();
});

describe('/story/[id] of a merged story', () => {
  it('redirects permanently to the story it was merged into', async () => {
    const db = await getDb();
    const { wireStoryId, phraseStoryId } = env.seed;
    await db.clustering.acquire('redirect-test', 60);
    await db.clustering.apply({
      holder: 'redirect-test',
      leaseSeconds: 60,
      assignments: [],
      merges: [{ from: phraseStoryId, into: wireStoryId }],
      refresh: new Map(),
      done: [],
    });
    await db.clustering.release('redirect-test');
    expect(await mergedStoryPath(db, String(phraseStoryId))).toBe(`/story/${wireStoryId}`);
    expect(await db.stories.get(phraseStoryId)).toBeNull();
    expect(await mergedStoryPath(db, String(wireStoryId))).toBeNull();
    expect(await mergedStoryPath(db, '987654')).toBeNull();
    expect(await mergedStoryPath(db, 'not-an-id')).toBeNull();
  });
});

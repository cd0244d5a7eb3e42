import { readFileSync } from 'node:fs';
import type { ItemWithFeed } from '@newsfeed/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, hoursAgo, type RssItem, rss, type TestWorld } from './helpers/harness.js';
import { TestServer } from './helpers/test-server.js';

// An edited item updates its row and keeps its place: its story is re-checked when the edit changes
// its text or title materially, and it moves (fixing both stories) only when it no longer matches.

const server = new TestServer();
let world: TestWorld;
const wire = (name: string) => readFileSync(new URL(`./fixtures/wire/${name}.txt`, import.meta.url), 'utf8');
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${paragraph.trim()}</p>`)
    .join('\n');

const bodies = new Map<string, string>();
function serve(path: string, items: RssItem[]) {
  bodies.set(path, rss(items));
  server.route(path, (_, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(bodies.get(path));
  });
}

beforeAll(async () => {
  await server.start();
  world = await createWorld();
});

afterAll(async () => {
  await world.close();
  await server.stop();
});

async function onlyItem(feedId: number): Promise<ItemWithFeed> {
  const { items } = await world.db.items.listByFeed(feedId, { limit: 10 });
  expect(items).toHaveLength(1);
  return items[0]!;
}

const geneva = (outlet: 'outlet-a' | 'outlet-b', title: string): RssItem => ({
  title,
  link: `https://${outlet}.example/geneva`,
  guid: `${outlet}-geneva`,
  content: paragraphs(wire(outlet)),
  pubDate: hoursAgo(3),
});

describe('an edited item', () => {
  it('keeps its story while it still matches, moves to the story it now matches, and fixes both', async () => {
    serve('/a', [geneva('outlet-a', 'Peace talks resume in Geneva, prisoner exchange on the table')]);
    serve('/b', [geneva('outlet-b', 'Geneva talks resume after three-week pause')]);
    serve('/c', [
      {
        title: 'Geneva talks collapse over humanitarian corridors',
        link: 'https://c.example/collapse',
        guid: 'c-collapse',
        content: paragraphs(wire('other-event')),
        pubDate: hoursAgo(2),
      },
    ]);
    const [a, b, c] = await Promise.all(
      ['/a', '/b', '/c'].map((path) => world.db.feeds.add({ url: server.url(path) })),
    );
    for (const feed of [a!, b!, c!]) await world.poll(feed);
    await world.cluster();
    const talks = (await onlyItem(a!.id)).storyId!;
    const collapse = (await onlyItem(c!.id)).storyId!;
    const edited = await onlyItem(b!.id);
    expect(edited.storyId).toBe(talks);
    expect(collapse).not.toBe(talks);
    expect((await world.db.stories.get(talks))!.story).toMatchObject({ itemCount: 2, sourceCount: 2 });

    // A correction of the headline and an added paragraph: re-checked, still the same report.
    serve('/b', [
      {
        ...geneva('outlet-b', 'Geneva talks resume after a three-week pause, delegations say'),
        content: paragraphs(
          `${wire('outlet-b')}\n\nThis story has been updated with the delegations' statements.`,
        ),
      },
    ]);
    expect((await world.poll(b!)).itemsUpdated).toBe(1);
    await world.cluster();
    const corrected = await onlyItem(b!.id);
    expect(corrected).toMatchObject({ id: edited.id, storyId: talks });
    expect(corrected.title).toBe('Geneva talks resume after a three-week pause, delegations say');

    // The outlet reuses the entry for the collapse of the talks: it moves to that story.
    serve('/b', [
      {
        ...geneva('outlet-b', 'Geneva talks collapse over humanitarian corridors, delegates leave'),
        content: paragraphs(wire('other-event')),
      },
    ]);
    const outcome = await world.poll(b!);
    await world.cluster();
    expect(outcome).toMatchObject({ outcome: 'updated', itemsNew: 0, itemsUpdated: 1 });
    const moved = await onlyItem(b!.id);
    expect(moved.id).toBe(edited.id);
    expect(moved.firstSeenAt).toBe(edited.firstSeenAt);
    expect(moved.storyId).toBe(collapse);
    expect((await world.db.stories.get(talks))!.story).toMatchObject({
      itemCount: 1,
      sourceCount: 1,
      leadItemId: (await onlyItem(a!.id)).id,
    });
    expect((await world.db.stories.get(collapse))!.story).toMatchObject({ itemCount: 2, sourceCount: 2 });

    // The talks story's last item is rewritten into the collapse story too: the emptied story goes.
    serve('/a', [
      {
        ...geneva('outlet-a', 'Talks in Geneva collapse over humanitarian corridors'),
        content: paragraphs(wire('other-event')),
      },
    ]);
    await world.poll(a!);
    await world.cluster();
    expect((await onlyItem(a!.id)).storyId).toBe(collapse);
    expect(await world.db.stories.get(talks)).toBeNull();
    expect((await world.db.stories.get(collapse))!.story).toMatchObject({ itemCount: 3, sourceCount: 3 });
  });
});

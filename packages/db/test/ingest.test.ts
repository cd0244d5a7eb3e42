import { describe, expect, it } from 'vitest';
import { DbInputError } from '../src/errors.js';
import type { ItemInput, StoryAssigner, StoryCandidate } from '../src/types.js';
import { ENGINES, sampleItem, useTestDb } from './helpers/test-db.js';

// items.ingest: one poll's items written and assigned to stories in one transaction, with the
// caller's clustering rule. The rule here: items whose titles start with the same word are one story.

const topic = (title: string) => title.toLowerCase().match(/\p{L}+/u)?.[0];

const byTopic: StoryAssigner = {
  windowHours: 48,
  pick: (item, candidates) => candidates.find((c) => topic(c.title) === topic(item.title))?.storyId ?? null,
  changedMaterially: (before, after) => before.title !== after.title,
};

function item(key: string, title: string, overrides: Partial<ItemInput> = {}): ItemInput {
  return sampleItem(key, { title, ...overrides });
}

describe.each(ENGINES)('items.ingest on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('assigns each new item in order, so one can join a story created earlier in the same poll', async () => {
    const afp = await t.db.feeds.add({ url: 'https://afp.example/rss', title: 'AFP' });
    const outlet = await t.db.feeds.add({ url: 'https://outlet.example/rss' });
    const first = await t.db.items.ingest(
      afp.id,
      [
        item('q1', 'Earthquake strikes coastal city', { publishedAt: '2026-01-05T08:00:00Z' }),
        item('e1', 'Election results contested by opposition'),
        item('q2', 'Earthquake death toll rises overnight', { publishedAt: '2026-01-05T09:00:00Z' }),
      ],
      byTopic,
    );
    expect(first.map((r) => [r.status, r.story])).toEqual([
      ['new', 'created'],
      ['new', 'created'],
      ['new', 'joined'],
    ]);
    const quake = first[0]!.storyId!;
    expect(first[2]!.storyId).toBe(quake);
    expect(first[1]!.storyId).not.toBe(quake);

    const second = await t.db.items.ingest(
      outlet.id,
      [item('q3', 'Earthquake: rescuers search rubble', { publishedAt: '2026-01-05T10:00:00Z' })],
      byTopic,
    );
    expect(second[0]).toMatchObject({ status: 'new', story: 'joined', storyId: quake });
    // Summaries are recomputed in the same transaction: the earliest item leads, both sources count.
    expect((await t.db.stories.get(quake))!.story).toMatchObject({
      leadItemId: first[0]!.id,
      title: 'Earthquake strikes coastal city',
      itemCount: 3,
      sourceCount: 2,
    });

    // Ingesting the same poll again changes nothing.
    const again = await t.db.items.ingest(
      afp.id,
      [item('q1', 'Earthquake strikes coastal city', { publishedAt: '2026-01-05T08:00:00Z' })],
      byTopic,
    );
    expect(again[0]).toMatchObject({ status: 'unchanged', story: 'unchanged', storyId: quake });
    expect((await t.db.stats()).stories).toBe(2);
  });

  it('hands pick the candidates the layer found, never the item itself', async () => {
    const feed = await t.db.feeds.add({ url: 'https://cands.example/rss' });
    const seen: StoryCandidate[][] = [];
    const recording: StoryAssigner = {
      ...byTopic,
      pick: (subject, candidates) => {
        seen.push(candidates);
        expect(candidates.every((c) => c.itemId !== subject.id)).toBe(true);
        return byTopic.pick(subject, candidates);
      },
    };
    await t.db.items.ingest(feed.id, [item('a', 'Harvest festival opens')], recording);
    await t.db.items.ingest(feed.id, [item('b', 'Harvest festival draws crowds')], recording);
    expect(seen[0]).toEqual([]);
    expect(seen[1]!.map((c) => c.title)).toEqual(['Harvest festival opens']);
  });

  it('a pick outside the candidates fails the whole poll: nothing is written', async () => {
    const feed = await t.db.feeds.add({ url: 'https://bad.example/rss' });
    const wrong: StoryAssigner = { windowHours: 48, pick: () => 424_242 };
    const error = await t.db.items.ingest(feed.id, [item('x', 'Anything')], wrong).catch((e) => e);
    expect(error).toBeInstanceOf(DbInputError);
    expect(error.message).toContain('424242');
    expect(await t.db.stats()).toMatchObject({ items: 0, stories: 0 });
  });

  it('an edit that still matches keeps its story; one that no longer matches moves out', async () => {
    const feed = await t.db.feeds.add({ url: 'https://edits.example/rss' });
    const other = await t.db.feeds.add({ url: 'https://other.example/rss' });
    const [a, b] = await t.db.items.ingest(
      feed.id,
      [item('a', 'Flood warning issued for river'), item('b', 'Flood waters reach town centre')],
      byTopic,
    );
    const [c] = await t.db.items.ingest(other.id, [item('c', 'Budget vote delayed again')], byTopic);
    const flood = a!.storyId!;
    expect(b!.storyId).toBe(flood);

    // Same topic, new wording: re-checked and kept.
    const [kept] = await t.db.items.ingest(feed.id, [item('b', 'Flood waters recede from town')], byTopic);
    expect(kept).toMatchObject({ status: 'updated', story: 'kept', storyId: flood });

    // Now about the budget: it leaves the flood story and joins the budget story.
    const [moved] = await t.db.items.ingest(feed.id, [item('b', 'Budget: town asks for flood aid')], byTopic);
    expect(moved).toMatchObject({ status: 'updated', story: 'moved', storyId: c!.storyId });
    expect((await t.db.stories.get(flood))!.story).toMatchObject({ itemCount: 1, sourceCount: 1 });
    expect((await t.db.stories.get(c!.storyId!))!.story).toMatchObject({ itemCount: 2, sourceCount: 2 });

    // The flood story's last item becomes something new: it stays in its own story.
    const [alone] = await t.db.items.ingest(feed.id, [item('a', 'Wildfire spreads east')], byTopic);
    expect(alone).toMatchObject({ story: 'kept', storyId: flood });
    expect((await t.db.stories.get(flood))!.story.title).toBe('Wildfire spreads east');

    // …and when it then matches another story, it moves there and its emptied story is deleted.
    const [merged] = await t.db.items.ingest(feed.id, [item('a', 'Budget talks resume')], byTopic);
    expect(merged).toMatchObject({ story: 'moved', storyId: c!.storyId });
    expect(await t.db.stories.get(flood)).toBeNull();
    expect((await t.db.stories.get(c!.storyId!))!.story.itemCount).toBe(3);
  });

  it('an edit that is not material is not re-checked', async () => {
    const feed = await t.db.feeds.add({ url: 'https://minor.example/rss' });
    const [a] = await t.db.items.ingest(feed.id, [item('a', 'Storm nears coast')], byTopic);
    let picks = 0;
    const counting: StoryAssigner = {
      ...byTopic,
      pick: (subject, candidates) => {
        picks += 1;
        return byTopic.pick(subject, candidates);
      },
    };
    const [edited] = await t.db.items.ingest(
      feed.id,
      [item('a', 'Storm nears coast', { summary: 'A corrected summary' })],
      counting,
    );
    expect(edited).toMatchObject({ status: 'updated', story: 'unchanged', storyId: a!.storyId });
    expect(picks).toBe(0);
    expect((await t.db.stories.get(a!.storyId!))!.story.summary).toBe('A corrected summary');
  });

  it('an edited item that had no story gets one; tombstoned keys get none', async () => {
    const feed = await t.db.feeds.add({ url: 'https://late.example/rss' });
    const [loose, gone] = await t.db.items.upsertMany(feed.id, [
      item('loose', 'Rally planned downtown'),
      item('gone', 'Removed item'),
    ]);
    await t.db.items.remove(gone!.id!);
    const results = await t.db.items.ingest(
      feed.id,
      [item('loose', 'Rally planned downtown on Sunday'), item('gone', 'Removed item')],
      byTopic,
    );
    expect(results[0]).toMatchObject({ id: loose!.id, status: 'updated', story: 'created' });
    expect(results[0]!.storyId).not.toBeNull();
    expect(results[1]).toEqual({ key: 'gone', id: null, status: 'tombstoned', storyId: null, story: null });
  });
});

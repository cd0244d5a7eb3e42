import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ClusterDoc, StoryIndex } from '../src/cluster/rule/index.js';

// The clustering rule through the interface the clusterer stage calls (StoryIndex): wire copies
// under different boilerplate join one story, a different event on the same topic stays apart.

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/wire/${name}.txt`, import.meta.url), 'utf8');
const AT = Date.parse('2026-11-28T10:00:00.000Z');

function doc(id: number, title: string, text: string | null, at = AT): ClusterDoc {
  return { id, feedId: id, title, text, language: 'en', publishedAt: at, firstSeenAt: at };
}

describe('story clustering rule', () => {
  const agency = doc(1, 'Geneva talks resume on prisoner swap and ceasefire', fixture('agency'));
  const outletA = doc(2, 'Peace talks resume in Geneva, prisoner exchange on the table', fixture('outlet-a'));
  const outletB = doc(3, 'Geneva talks resume after three-week pause', fixture('outlet-b'));
  const otherEvent = doc(4, 'Geneva talks collapse over humanitarian corridors', fixture('other-event'));

  it('joins wire copies carried by different outlets into one story, and keeps a different event apart', () => {
    const index = new StoryIndex({ windowHours: 72 });
    expect(index.place(agency).storyId).toBeNull();
    index.add(agency, 10);
    expect(index.place(outletA).storyId).toBe(10);
    index.add(outletA, 10);
    expect(index.place(outletB).storyId).toBe(10);
    index.add(outletB, 10);
    expect(index.place(otherEvent).storyId).toBeNull();
    expect([agency.id, outletA.id, outletB.id]).toContain(index.leadOf(10));
    expect(index.size).toBe(3);
  });

  it('keeps the same text apart when it was published days apart (a re-run is a new event)', () => {
    const index = new StoryIndex({ windowHours: 72 });
    index.add(agency, 10);
    const weekLater = {
      ...outletA,
      id: 5,
      publishedAt: AT + 7 * 86_400_000,
      firstSeenAt: AT + 7 * 86_400_000,
    };
    expect(index.place(weekLater).storyId).toBeNull();
  });

  it('forgets removed and evicted items', () => {
    const index = new StoryIndex({ windowHours: 72 });
    index.add(agency, 10);
    index.remove(agency.id);
    expect(index.place(outletA).storyId).toBeNull();
    index.add(agency, 10);
    index.evictBefore(AT + 1);
    expect(index.size).toBe(0);
    expect(index.leadOf(10)).toBeNull();
  });

  it('follows merged stories', () => {
    const index = new StoryIndex({ windowHours: 72 });
    index.add(agency, 10);
    index.add(otherEvent, 11);
    index.mergeStories(10, 11);
    expect(index.place(outletA).storyId).toBe(11);
  });
});

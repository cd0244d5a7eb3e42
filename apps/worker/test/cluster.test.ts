import { readFileSync } from 'node:fs';
import type { StoryCandidate } from '@newsfeed/db';
import { simhash } from '@newsfeed/parser';
import { describe, expect, it } from 'vitest';
import { type ClusterItem, matchScore, pickStory } from '../src/pipeline/cluster.js';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/wire/${name}.txt`, import.meta.url), 'utf8');
const AT = '2026-11-28T10:00:00.000Z';

function item(id: number, title: string, text: string, publishedAt = AT): ClusterItem {
  return {
    id,
    feedId: id,
    title,
    contentText: text,
    simhash: simhash(`${title}\n${text}`),
    publishedAt,
    firstSeenAt: publishedAt,
  };
}

function candidate(storyId: number, source: ClusterItem): StoryCandidate {
  return {
    storyId,
    itemId: source.id,
    feedId: source.feedId,
    title: source.title,
    contentText: source.contentText,
    simhash: source.simhash,
    publishedAt: source.publishedAt,
    firstSeenAt: source.firstSeenAt,
  };
}

describe('story clustering', () => {
  const agency = item(1, 'Geneva talks resume on prisoner swap and ceasefire', fixture('agency'));
  const outletA = item(
    2,
    'Peace talks resume in Geneva, prisoner exchange on the table',
    fixture('outlet-a'),
  );
  const outletB = item(3, 'Geneva talks resume after three-week pause', fixture('outlet-b'));
  const otherEvent = item(4, 'Geneva talks collapse over humanitarian corridors', fixture('other-event'));

  it('joins wire copies carried by different outlets into one story', () => {
    expect(matchScore(outletA, candidate(10, agency))).toBeGreaterThan(0);
    expect(pickStory(outletB, [candidate(10, agency), candidate(10, outletA)])).toBe(10);
  });

  it('keeps a different event on the same topic apart', () => {
    expect(matchScore(otherEvent, candidate(10, agency))).toBe(0);
    expect(
      pickStory(otherEvent, [candidate(10, agency), candidate(10, outletA), candidate(10, outletB)]),
    ).toBeNull();
  });

  it('keeps the same text apart when it was published days apart (a re-run is a new event)', () => {
    const weekLater = {
      ...outletA,
      id: 5,
      publishedAt: '2026-12-05T10:00:00.000Z',
      firstSeenAt: '2026-12-05T10:00:00.000Z',
    };
    expect(matchScore(weekLater, candidate(10, agency))).toBe(0);
  });

  it('matches title-only items only on near-identical titles', () => {
    const a = { ...item(6, 'Storm Ciarán hits northern France', ''), contentText: null };
    const b = { ...item(7, 'Storm Ciaran hits northern France', ''), contentText: null };
    const c = { ...item(8, 'Storm Ciarán leaves northern France', ''), contentText: null };
    expect(pickStory(b, [candidate(20, a)])).toBe(20);
    expect(pickStory(c, [candidate(20, a)])).toBeNull();
  });
});

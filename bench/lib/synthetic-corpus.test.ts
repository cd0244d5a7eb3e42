// The corpus seeks to a poll by replaying only its draws: the polls after the seek point must be the
// very polls a full generation yields there. Run: npx vitest run bench/lib/synthetic-corpus.test.ts
import { describe, expect, it } from 'vitest';
import {
  SyntheticCorpus,
  type SyntheticCorpusOptions,
  type SyntheticPoll,
  takePolls,
} from './synthetic-corpus.js';

/** Few feeds and many items: most events get copies, many of them after the seek point. */
const OPTIONS: SyntheticCorpusOptions = { feeds: 40, items: 6_000 };

function fullPolls(options: SyntheticCorpusOptions): SyntheticPoll[] {
  return [...new SyntheticCorpus(options).polls()];
}

describe('SyntheticCorpus.polls(afterItems)', () => {
  const full = fullPolls(OPTIONS);

  it.each([0, 10, 2_000, 4_990, 5_990])(
    'yields the same polls as a full generation after %i items',
    (after) => {
      const expected = full.slice(after / 10);
      const seeked = [...new SyntheticCorpus(OPTIONS).polls(after)];
      expect(seeked.length).toBe(expected.length);
      expect(seeked).toEqual(expected);
    },
  );

  it('continues events opened before the seek point with their own text (rewrites and wire copies)', () => {
    const after = 3_000;
    const earlierTitles = new Set(
      full.slice(0, after / 10).flatMap((poll) => poll.items.map((item) => item.title)),
    );
    const continued = [...new SyntheticCorpus(OPTIONS).polls(after)]
      .flatMap((poll) => poll.items)
      .filter((item) => earlierTitles.has(item.title));
    expect(continued.length).toBeGreaterThan(0);
  });

  it('yields nothing after every item, and refuses a point inside a poll or past the end', () => {
    expect([...new SyntheticCorpus(OPTIONS).polls(OPTIONS.items)]).toEqual([]);
    expect(() => new SyntheticCorpus(OPTIONS).polls(15)).toThrow(/not the first polls/);
    expect(() => new SyntheticCorpus(OPTIONS).polls(OPTIONS.items + 10)).toThrow(/not the first polls/);
  });
});

describe('takePolls', () => {
  it('takes the next polls up to the first that reaches the items asked for, and leaves the rest', () => {
    const full = fullPolls(OPTIONS);
    const polls = new SyntheticCorpus(OPTIONS).polls();
    const taken = takePolls(polls, 25);
    expect(taken).toEqual(full.slice(0, 3));
    expect(polls.next().value).toEqual(full[3]);
    expect(takePolls(polls, OPTIONS.items)).toEqual(full.slice(4));
  });
});

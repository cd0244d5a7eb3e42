import { describe, expect, it } from 'vitest';
import {
  contentHash,
  normalizeForSignature,
  SignatureError,
  simhash,
  simhashDistance,
  similarity,
} from '../../src/text/index.js';
import { OUTLET_ONE, OUTLET_TWO, SAME_TOPIC_OTHER_STORY } from './wire-story-texts.js';

describe('contentHash', () => {
  it('is hex SHA-256 of the normalized text', () => {
    expect(contentHash('Hello, world')).toMatch(/^[0-9a-f]{64}$/);
    expect(normalizeForSignature('  “Hello,”  WORLD’s   end… ')).toBe('hello worlds end');
  });

  it('folds case, whitespace, punctuation and quotes', () => {
    const plain = 'He said "it\'s over." Then he left.';
    const typographic = 'he said “it’s over”   then HE LEFT';
    expect(contentHash(typographic)).toBe(contentHash(plain));
  });

  it('tells different texts apart', () => {
    expect(contentHash('The talks begin on Monday.')).not.toBe(contentHash('The talks begin on Tuesday.'));
  });
});

describe('simhash', () => {
  it('is 16 hex digits, and stable', () => {
    expect(simhash(OUTLET_ONE)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(OUTLET_ONE)).toBe(simhash(OUTLET_ONE));
    expect(simhash('')).toBe('0000000000000000');
  });

  it('gives the hashes earlier versions stored (items keep theirs: a new one would split stories)', () => {
    expect(simhash(OUTLET_ONE)).toBe('bce755584191fcc2');
    expect(simhash(SAME_TOPIC_OTHER_STORY)).toBe('b9c5ddbc913d6982');
    expect(simhash('Two words')).toBe('eb33aacfb2af9b96');
  });

  it('puts the same wire story from two outlets with different boilerplate within 3 bits', () => {
    expect(simhashDistance(simhash(OUTLET_ONE), simhash(OUTLET_TWO))).toBeLessThanOrEqual(3);
  });

  it('keeps a different story on the same topic clearly apart', () => {
    expect(simhashDistance(simhash(OUTLET_ONE), simhash(SAME_TOPIC_OTHER_STORY))).toBeGreaterThanOrEqual(16);
    expect(simhashDistance(simhash(OUTLET_TWO), simhash(SAME_TOPIC_OTHER_STORY))).toBeGreaterThanOrEqual(16);
  });

  it('moves little when the paragraph breaks are lost', () => {
    const glued = OUTLET_TWO.replace(/\n/g, ' ');
    expect(simhashDistance(simhash(OUTLET_TWO), simhash(glued))).toBeLessThanOrEqual(3);
  });
});

describe('simhashDistance', () => {
  it('counts differing bits', () => {
    expect(simhashDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(simhashDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(simhashDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(simhashDistance('00000000F0000000', '0000000000000000')).toBe(4);
  });

  it('rejects what is not a simhash with a typed error', () => {
    expect(() => simhashDistance('xyz', '0000000000000000')).toThrow(SignatureError);
    expect(() => simhashDistance('0000000000000000', '00000000000000000')).toThrow(/16 hex digits/);
  });
});

describe('similarity', () => {
  it('scores the same wire story from two outlets at 0.8 or more', () => {
    expect(similarity(OUTLET_ONE, OUTLET_TWO)).toBeGreaterThanOrEqual(0.8);
  });

  it('stays high when one outlet truncates the story', () => {
    const truncated = `${OUTLET_TWO.split('\n').slice(0, 6).join('\n')}…`;
    expect(similarity(OUTLET_ONE, truncated)).toBeGreaterThanOrEqual(0.8);
  });

  it('scores a different story on the same topic low', () => {
    expect(similarity(OUTLET_ONE, SAME_TOPIC_OTHER_STORY)).toBeLessThan(0.2);
  });

  it('is symmetric and bounded', () => {
    expect(similarity(OUTLET_ONE, SAME_TOPIC_OTHER_STORY)).toBe(
      similarity(SAME_TOPIC_OTHER_STORY, OUTLET_ONE),
    );
    expect(similarity(OUTLET_ONE, OUTLET_ONE)).toBe(1);
    expect(similarity('', '')).toBe(1);
    expect(similarity('', OUTLET_ONE)).toBe(0);
  });

  it('does not call a headline-sized snippet contained in every article that uses its words', () => {
    expect(similarity('Kenya floods', OUTLET_ONE)).toBeLessThan(0.2);
  });

  it('ignores boilerplate two different stories share', () => {
    const footer =
      '\nShare this article\nFollow us on Twitter\nCopyright 2024 Daily Globe Report. All rights reserved.';
    const first = `Police in Lyon arrested two men after a jewellery shop was robbed on Saturday.${footer}`;
    const second = `The city council of Porto approved a new budget for public transport on Monday.${footer}`;
    expect(similarity(first, second)).toBeLessThan(0.2);
  });
});

import { describe, expect, it } from 'vitest';
import { POSTGRES_PHRASE_CHECKS, phrasePlan } from '../src/search/postgres-phrase.js';

// PostgreSQL: how a phrase's candidates are found, from the planner's estimates of a million-row table.

const rows = 1_000_000;

describe('phrasePlan', () => {
  it('checks every candidate when there are no more than a search checks', () => {
    expect(phrasePlan({ rows, candidates: POSTGRES_PHRASE_CHECKS, rarest: 400_000 })).toBe('all');
    expect(phrasePlan({ rows, candidates: 500, rarest: 5_000 })).toBe('all');
  });

  it("reads common words' candidates by id ranges from the newest, not their long posting lists", () => {
    expect(phrasePlan({ rows, candidates: 300_000, rarest: 520_000 })).toBe('id ranges');
    expect(phrasePlan({ rows, candidates: 40_000, rarest: 190_000 })).toBe('id ranges');
  });

  it("reads a rare word's posting list ANDed with one key range when the candidates are spread wide", () => {
    expect(phrasePlan({ rows, candidates: 10_000, rarest: 12_000 })).toBe('key range');
  });

  it('checks every candidate of rare words when the bound would span most of the table', () => {
    expect(phrasePlan({ rows, candidates: 3_000, rarest: 50_000 })).toBe('all');
  });
});

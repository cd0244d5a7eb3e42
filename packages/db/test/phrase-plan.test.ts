import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { POSTGRES_PHRASE_CHECKS, POSTGRES_PHRASE_COSTS } from '../src/search/postgres-phrase.js';
import { ENGINES, useTestDb } from './helpers/test-db.js';

// PostgreSQL: how a phrase's candidates are found (nf_phrase_plan), from the planner's estimates of a
// million-row table.

const rows = 1_000_000;

describe.each(ENGINES.filter((testEngine) => testEngine.engine === 'postgres'))(
  'the phrase plan on $engine',
  (testEngine) => {
    const t = useTestDb(testEngine);

    async function plan(candidates: number, rarest: number): Promise<string> {
      const { indexedId, keyId, posting, check } = POSTGRES_PHRASE_COSTS;
      const { rows: found } = await sql<{ plan: string }>`SELECT nf_phrase_plan(${rows}, ${candidates},
        ${rarest}, ${POSTGRES_PHRASE_CHECKS}, ${[indexedId, keyId, posting, check]}::float8[]) AS plan`.execute(
        t.db.context.kysely,
      );
      return found[0]!.plan;
    }

    it.skipIf(Boolean(testEngine.skipReason))(
      'checks every candidate when there are no more than a search checks',
      async () => {
        expect(await plan(POSTGRES_PHRASE_CHECKS, 400_000)).toBe('all');
        expect(await plan(500, 5_000)).toBe('all');
      },
    );

    it.skipIf(Boolean(testEngine.skipReason))(
      "reads common words' candidates by id ranges from the newest, not their long posting lists",
      async () => {
        expect(await plan(300_000, 520_000)).toBe('id ranges');
        expect(await plan(40_000, 190_000)).toBe('id ranges');
      },
    );

    it.skipIf(Boolean(testEngine.skipReason))(
      "reads a rare word's posting list ANDed with one key range when the candidates are spread wide",
      async () => {
        expect(await plan(10_000, 12_000)).toBe('key range');
      },
    );

    it.skipIf(Boolean(testEngine.skipReason))(
      'checks every candidate of rare words when the bound would span most of the table',
      async () => {
        expect(await plan(3_000, 50_000)).toBe('all');
      },
    );
  },
);

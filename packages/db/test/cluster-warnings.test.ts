import { describe, expect, it } from 'vitest';
import { DbInputError } from '../src/errors.js';
import { KEPT_WARNINGS } from '../src/stories/cluster-warnings.js';
import { ENGINES, useTestDb } from './helpers/test-db.js';

// The clusterer's warnings for the admin page (cluster-warnings.ts): newest first, only the newest
// KEPT_WARNINGS kept, a warning without a kind refused.

describe.each(ENGINES)('cluster warnings on $engine', (testEngine) => {
  const t = useTestDb(testEngine);

  it('lists the newest first and keeps only the newest', async () => {
    const at = Date.parse('2026-03-01T00:00:00Z');
    for (let index = 0; index < KEPT_WARNINGS + 5; index++)
      await t.db.clusterWarnings.record({ kind: 'batch-budget', message: `batch ${index}`, at: at + index });
    const recent = await t.db.clusterWarnings.recent(3);
    expect(recent.map((warning) => warning.message)).toEqual([
      `batch ${KEPT_WARNINGS + 4}`,
      `batch ${KEPT_WARNINGS + 3}`,
      `batch ${KEPT_WARNINGS + 2}`,
    ]);
    expect(recent[0]).toMatchObject({
      kind: 'batch-budget',
      at: new Date(at + KEPT_WARNINGS + 4).toISOString(),
    });
    const all = await t.db.clusterWarnings.recent(KEPT_WARNINGS * 2);
    expect(all).toHaveLength(KEPT_WARNINGS);
    expect(all.at(-1)!.message).toBe('batch 5');
  });

  it('refuses a warning without a kind', async () => {
    await expect(t.db.clusterWarnings.record({ kind: '', message: 'x', at: 0 })).rejects.toBeInstanceOf(
      DbInputError,
    );
  });
});

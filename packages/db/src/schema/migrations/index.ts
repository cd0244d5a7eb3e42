import { searchInOneCall } from './041-search-in-one-call.js';
import { searchByIdBucket } from './042-search-by-id-bucket.js';
import { baseline } from './baseline.js';
import { from010 } from './from-0.1.0.js';
import { from020 } from './from-0.2.0.js';
import type { MigrationPlan } from './migration.js';

// A new database gets the baseline; a database of a released version gets that release's upgrade
// and every later one; both then get the migrations written after the baseline (plan.ts decides).

export const MIGRATION_PLAN: MigrationPlan = {
  baseline,
  releases: [
    { name: '0.1.0', versions: [1, 2, 3, 4, 5, 6, 7], upgrade: from010 },
    { name: '0.2.0', versions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 30], upgrade: from020 },
  ],
  // Append only: a released migration is never edited.
  later: [searchInOneCall, searchByIdBucket],
  // All 22 migrations of main before the baseline: its schema, so such a database is at the
  // baseline. A database left by an earlier build of main gets there with main at this commit.
  beforeBaseline: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 20, 21, 22, 23, 24, 30, 31, 32, 33, 40],
  lastBuildBeforeBaseline: '8b65654',
};

/** The newest version this build knows: a database at it needs nothing. */
export const LATEST_VERSION = latestVersion(MIGRATION_PLAN);

export function latestVersion(plan: MigrationPlan): number {
  return plan.later[plan.later.length - 1]?.version ?? plan.baseline.version;
}

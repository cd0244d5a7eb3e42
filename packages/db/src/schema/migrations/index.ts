import type { Engine } from '../../types.js';
import { baseline } from './baseline.js';
import { from010 } from './from-0.1.0.js';
import { from020 } from './from-0.2.0.js';
import type { Migration } from './migration.js';

// Which statements a database needs follows from the versions it records. A new database gets the
// baseline; a database of a released version gets that release's upgrades in order; both then get
// the migrations written since the baseline. Nothing else is guessed at (see plan.ts).

/** Released versions by the versions their databases record, oldest first, each with its upgrade. */
export const RELEASES: readonly { name: string; versions: readonly number[]; upgrade: Migration }[] = [
  { name: '0.1.0', versions: [1, 2, 3, 4, 5, 6, 7], upgrade: from010 },
  { name: '0.2.0', versions: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 21, 30], upgrade: from020 },
];

export const BASELINE: Migration = baseline;

/** Migrations written after the baseline, oldest first. Append only: a released one is never edited. */
export const LATER: readonly Migration[] = [];

/**
 * What the builds before the baseline recorded once they had applied all 22 migrations they knew:
 * the baseline's schema, so such a database is taken as at the baseline. A database left by an
 * earlier one of those builds is migrated there by the last of them (this commit of main).
 */
export const BEFORE_BASELINE: readonly number[] = [
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15, 20, 21, 22, 23, 24, 30, 31, 32, 33, 40,
];

export const LAST_BUILD_BEFORE_BASELINE = '8b65654';

/** The newest version this build knows: a database at it needs nothing. */
export const LATEST_VERSION = LATER[LATER.length - 1]?.version ?? BASELINE.version;

export function statementsFor(migration: Migration, engine: Engine): string[] {
  return engine === 'sqlite' ? migration.sqlite : migration.postgres;
}

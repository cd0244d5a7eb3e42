import { DbMigrationError } from '../../errors.js';
import { latestVersion, MIGRATION_PLAN } from './index.js';
import type { Migration, MigrationPlan } from './migration.js';

// A database's migrations follow from the versions it records, if known: none, a release's, or the
// baseline's with later ones. Any other record was left by a build this one cannot follow.

/** The migrations a database recording `recorded` needs, oldest first; throws for an unknown record. */
export function pendingMigrations(recorded: readonly number[], plan = MIGRATION_PLAN): Migration[] {
  const isLater = (version: number) => plan.later.some((migration) => migration.version === version);
  const base = recorded.filter((version) => !isLater(version));
  const laterPending = plan.later.filter((migration) => !recorded.includes(migration.version));
  if (base.length === recorded.length) {
    if (base.length === 0) return [plan.baseline, ...laterPending];
    const release = plan.releases.findIndex((r) => sameVersions(base, r.versions));
    if (release >= 0) return [...plan.releases.slice(release).map((r) => r.upgrade), ...laterPending];
  }
  if (atBaseline(base, plan)) return laterPending;
  throw new DbMigrationError(unknownRecord(recorded, plan), {
    recorded: [...recorded].sort((a, b) => a - b),
  });
}

/** Records of the baseline's schema: made by it, upgraded to it from a release, or by a build before it. */
function atBaseline(versions: readonly number[], plan: MigrationPlan): boolean {
  const upgraded = plan.releases.map((release, index) => [
    ...release.versions,
    ...plan.releases.slice(index).map((next) => next.upgrade.version),
  ]);
  return [[plan.baseline.version], plan.beforeBaseline, ...upgraded].some((known) =>
    sameVersions(versions, known),
  );
}

function sameVersions(a: readonly number[], b: readonly number[]): boolean {
  const set = new Set(a);
  return set.size === b.length && b.every((version) => set.has(version));
}

function unknownRecord(recorded: readonly number[], plan: MigrationPlan): string {
  const found = `the database records schema versions ${ranges(recorded)}`;
  const latest = latestVersion(plan);
  if (Math.max(...recorded) > latest)
    return `${found}, newer than this build knows (${latest}): upgrade Newsfeed, or restore a backup made before the newer build ran`;
  const releases = plan.releases
    .map((release) => `${release.name} (${ranges(release.versions)})`)
    .join(' and ');
  return (
    `${found}, which no release left (a build between releases made it): this build upgrades ${releases}. ` +
    `Back it up, migrate it once with the last build before the baseline (commit ${plan.lastBuildBeforeBaseline}), ` +
    'then start this build on it'
  );
}

/** 1, 2, 3, 5 as "1-3, 5". */
function ranges(versions: readonly number[]): string {
  const sorted = [...new Set(versions)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j += 1;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : `${sorted[i]}`);
    i = j;
  }
  return parts.join(', ');
}

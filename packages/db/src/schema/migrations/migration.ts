/** One schema change: statements per engine, applied in one transaction, recorded by version. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string[];
  postgres: string[];
}

/** A released version: the versions its databases record, and the upgrade to the next release. */
export interface Release {
  name: string;
  versions: readonly number[];
  upgrade: Migration;
}

/** Every way a database may reach this build's schema (schema/migrations/plan.ts reads it). */
export interface MigrationPlan {
  /** What a new database gets, recorded as the version of the newest migration it stands for. */
  baseline: Migration;
  /** Oldest first; the last one's upgrade leads to the baseline's schema. */
  releases: readonly Release[];
  /** Migrations written after the baseline, oldest first. */
  later: readonly Migration[];
  /** What the builds before the baseline recorded at its schema. */
  beforeBaseline: readonly number[];
  /** The build that migrates any database of those builds to `beforeBaseline` (a commit). */
  lastBuildBeforeBaseline: string;
}

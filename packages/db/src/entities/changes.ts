import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { STORY_CHANGES } from '../stories/story-changes.js';

/** What another process changed, in parts a caching reader keys on (equal: no change); one lookup each. */
export interface ChangeMarker {
  /** New items, and every write of stories (a clusterer batch, a removal, retention). */
  stories: string;
  /** Every poll recorded: a source's name, error, item count and times. */
  polls: string;
}

export interface ChangesApi {
  /** The marker now. The clusterer renewing its lease moves no part: it changes nothing readers see. */
  marker(): Promise<ChangeMarker>;
}

const part = (value: number | string | null | undefined) => String(value ?? '');

export function createChangesApi(ctx: DbContext): ChangesApi {
  return {
    async marker() {
      const { rows } = await sql<Record<string, number | string | null>>`SELECT
        (SELECT max(id) FROM items) AS items,
        (SELECT value FROM change_counters WHERE name = ${STORY_CHANGES}) AS stories,
        (SELECT max(id) FROM polls) AS polls`.execute(ctx.kysely);
      const row = rows[0] ?? {};
      return { stories: `${part(row.items)}.${part(row.stories)}`, polls: part(row.polls) };
    },
  };
}

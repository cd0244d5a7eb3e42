import { sql } from 'kysely';
import type { DbContext } from '../sql/context.js';
import { CLUSTER_LEASE } from '../stories/cluster-store.js';

export interface ChangesApi {
  /**
   * A short string that differs after another process changed what readers see: items stored, a
   * clusterer batch written (each renews the clusterer's lease), a recluster, a poll recorded.
   * Equal markers mean no such change; a caching reader keys its answers on it. Each part is one
   * index lookup, so checking it is cheap at any size.
   */
  marker(): Promise<string>;
}

export function createChangesApi(ctx: DbContext): ChangesApi {
  return {
    async marker() {
      const { rows } = await sql<Record<string, number | string | null>>`SELECT
        (SELECT max(id) FROM items) AS items,
        (SELECT expires_at FROM leases WHERE name = ${CLUSTER_LEASE}) AS clustered,
        (SELECT generation FROM leases WHERE name = ${CLUSTER_LEASE}) AS generation,
        (SELECT max(id) FROM polls) AS polls`.execute(ctx.kysely);
      const row = rows[0] ?? {};
      return [row.items, row.clustered, row.generation, row.polls]
        .map((part) => (part === null || part === undefined ? '' : String(part)))
        .join('.');
    },
  };
}

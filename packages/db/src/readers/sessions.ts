import { type Kysely, sql } from 'kysely';
import type { Database, SessionsTable } from '../schema/schema.js';
import { toIso, toMillis } from '../sql/time.js';

// Server-side sign-in sessions. The caller chooses the id (a digest of its cookie's secret); a session
// counts only while its row exists and `expiresAt` is in the future.

export interface Session {
  id: string;
  /** Null for the ADMIN_TOKEN holder (no user accounts yet). */
  userId: number | null;
  createdAt: string;
  expiresAt: string;
}

export interface NewSession {
  id: string;
  userId?: number | null;
  expiresAt: string | Date;
  createdAt?: string | Date;
}

export interface SessionsApi {
  create(session: NewSession): Promise<Session>;
  /** The session while it is unexpired at `now`, else null. */
  get(id: string, now?: Date): Promise<Session | null>;
  /** Ends a session (sign-out); whether it existed. */
  remove(id: string): Promise<boolean>;
  /** Ends every session of one user (null: the admin token's). */
  removeForUser(userId: number | null): Promise<number>;
  /** Deletes the rows expired at `now`; how many. */
  removeExpired(now?: Date): Promise<number>;
}

function toSession(row: SessionsTable): Session {
  const userId = row.user_id === null ? null : Number(row.user_id);
  return { id: row.id, userId, createdAt: toIso(row.created_at), expiresAt: toIso(row.expires_at) };
}

export function createSessionsApi(kysely: Kysely<Database>): SessionsApi {
  return {
    async create(session) {
      const row = {
        id: session.id,
        user_id: session.userId ?? null,
        created_at: toMillis(session.createdAt ?? new Date(), 'createdAt'),
        expires_at: toMillis(session.expiresAt, 'expiresAt'),
      };
      await kysely.insertInto('sessions').values(row).execute();
      return toSession(row);
    },

    async get(id, now = new Date()) {
      const { rows } = await sql<SessionsTable>`SELECT * FROM sessions
        WHERE id = ${id} AND expires_at > ${now.getTime()}`.execute(kysely);
      return rows[0] ? toSession(rows[0]) : null;
    },

    async remove(id) {
      const result = await kysely.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async removeForUser(userId) {
      const owner = userId === null ? sql`user_id IS NULL` : sql`user_id = ${userId}`;
      const result = await sql`DELETE FROM sessions WHERE ${owner}`.execute(kysely);
      return Number(result.numAffectedRows);
    },

    async removeExpired(now = new Date()) {
      const result = await sql`DELETE FROM sessions WHERE expires_at <= ${now.getTime()}`.execute(kysely);
      return Number(result.numAffectedRows);
    },
  };
}

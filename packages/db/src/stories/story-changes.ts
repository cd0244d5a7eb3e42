import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema/schema.js';

// The `stories` change counter, moved in the transaction that writes story rows: a reader in another
// process that sees the new value also sees the stories it stands for.

export const STORY_CHANGES = 'stories';

/** Moves the stories counter inside `trx`; done last, so its row lock is held only until commit. */
export async function countStoryChange(trx: Kysely<Database>): Promise<void> {
  await sql`UPDATE change_counters SET value = value + 1 WHERE name = ${STORY_CHANGES}`.execute(trx);
}

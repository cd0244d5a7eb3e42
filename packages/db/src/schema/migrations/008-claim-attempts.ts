import type { Migration } from './migration.js';

// A poll that kills its worker (out of memory, a bug) records nothing, so its feed was leased again
// when the lease expired and killed the next worker, forever. Claims now count themselves:
// claim_attempts is raised by every claim and cleared by every recorded outcome, so a claim that
// finds it already raised knows the previous claim died; crash_count counts such claims in a row,
// so the feed can be set aside (feeds.recordCrash) and disabled after WORKER_MAX_CRASHES.

export const claimAttempts: Migration = {
  version: 8,
  name: 'claim attempts and crashes per feed',
  sqlite: [
    `ALTER TABLE feeds ADD COLUMN claim_attempts INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE feeds ADD COLUMN crash_count INTEGER NOT NULL DEFAULT 0`,
  ],
  postgres: [
    `ALTER TABLE feeds ADD COLUMN claim_attempts INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE feeds ADD COLUMN crash_count INTEGER NOT NULL DEFAULT 0`,
  ],
};

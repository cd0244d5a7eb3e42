import type { Migration } from './migration.js';

// Sign-in sessions kept on the server, so signing out (or an operator) can end one: a cookie is only
// honoured while its row exists and is unexpired. `id` is a digest of the cookie's secret, never the
// secret itself. `user_id` stays null for the ADMIN_TOKEN holder; user accounts will fill it.

export const sessions: Migration = {
  version: 9,
  name: 'server-side sessions',
  sqlite: [
    `CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      user_id INTEGER,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    )`,
    `CREATE INDEX sessions_expires_at ON sessions (expires_at)`,
    `CREATE INDEX sessions_user_id ON sessions (user_id)`,
  ],
  postgres: [
    `CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      user_id BIGINT,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL
    )`,
    `CREATE INDEX sessions_expires_at ON sessions (expires_at)`,
    `CREATE INDEX sessions_user_id ON sessions (user_id)`,
  ],
};

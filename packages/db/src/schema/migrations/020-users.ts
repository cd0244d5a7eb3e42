import type { Migration } from './migration.js';

// Reader accounts. `name_key` is the name folded for comparison (NFKC, lower case), so "Ann" and "ann"
// cannot both exist; `password_hash` carries its own algorithm, parameters and salt (password-hash.ts).

export const users: Migration = {
  version: 20,
  name: 'user accounts',
  sqlite: [
    `CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'reader')),
      created_at INTEGER NOT NULL
    )`,
  ],
  postgres: [
    `CREATE TABLE users (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL,
      name_key TEXT NOT NULL UNIQUE,
      password_hash TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'reader')),
      created_at BIGINT NOT NULL
    )`,
  ],
};

// Each engine's own upkeep behind one interface, built by openSqlite and openPostgres.

export interface MaintenanceApi {
  /** Refreshes the query planner's statistics: run after a bulk load (SQLite PRAGMA optimize, PostgreSQL ANALYZE). */
  optimize(): Promise<void>;
  /** The database's size on disk in bytes (SQLite: the main file's pages; PostgreSQL: pg_database_size). */
  sizeBytes(): Promise<number>;
  /** SQLite: writes a consistent copy of the database to `path` while others go on; PostgreSQL: pg_dump. */
  backupTo(path: string): Promise<void>;
  /** Merges PostgreSQL's GIN pending list into the word index (SQLite's FTS5 merges as it writes). */
  settleSearchIndex(): Promise<void>;
}

// Each engine's own upkeep behind one interface, built by openSqlite and openPostgres.

export interface MaintenanceApi {
  /** Refreshes the query planner's statistics: run after a bulk load (SQLite PRAGMA optimize, PostgreSQL ANALYZE). */
  optimize(): Promise<void>;
  /** The database's size on disk in bytes (SQLite: the main file's pages; PostgreSQL: pg_database_size). */
  sizeBytes(): Promise<number>;
  /**
   * SQLite: writes a consistent copy of the whole database to `path` while other connections go on
   * reading and writing. PostgreSQL has its own tool for this (pg_dump): DbInputError.
   */
  backupTo(path: string): Promise<void>;
  /**
   * Merges the search index's recent entries into its main structure, so that searches stop reading
   * them one by one: PostgreSQL's GIN pending list of the word index (gin_clean_pending_list); SQLite's
   * FTS5 merges as it writes, so nothing.
   */
  settleSearchIndex(): Promise<void>;
}

// Typed storage errors: every failure the layer reports is a DbError with a machine-readable `code`,
// the entity and id (or URL) it concerns in the message, and the driver's original error as `cause`.

export type DbErrorCode =
  | 'NOT_FOUND'
  | 'CONSTRAINT_VIOLATION'
  | 'INVALID_INPUT'
  | 'INVALID_CURSOR'
  | 'CONNECTION_FAILED'
  | 'BUSY'
  | 'MIGRATION_FAILED'
  | 'LEASE_LOST'
  | 'QUERY_FAILED';

export class DbError extends Error {
  readonly code: DbErrorCode;
  constructor(code: DbErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'DbError';
  }
}

/** The entity with this id does not exist (or no longer exists). */
export class DbNotFoundError extends DbError {
  constructor(
    readonly entity: string,
    readonly id: number | string,
  ) {
    super('NOT_FOUND', `${entity} ${id} not found`);
    this.name = 'DbNotFoundError';
  }
}

/** A unique or foreign-key constraint refused the write, e.g. a second feed with the same URL. */
export class DbConstraintError extends DbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONSTRAINT_VIOLATION', message, options);
    this.name = 'DbConstraintError';
  }
}

/** A value handed to the API is malformed (a time that is not ISO 8601, a simhash that is not 16 hex digits…). */
export class DbInputError extends DbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_INPUT', message, options);
    this.name = 'DbInputError';
  }
}

/** A pagination cursor that this layer did not produce, or that belongs to another list. */
export class DbCursorError extends DbError {
  constructor(cursor: string, options?: { cause?: unknown }) {
    super('INVALID_CURSOR', `invalid page cursor ${JSON.stringify(cursor.slice(0, 80))}`, options);
    this.name = 'DbCursorError';
  }
}

/** The database cannot be reached, the connection was lost, or the file cannot be opened. */
export class DbConnectionError extends DbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONNECTION_FAILED', message, options);
    this.name = 'DbConnectionError';
  }
}

/** SQLite stayed locked by another process for longer than the busy timeout. */
export class DbBusyError extends DbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('BUSY', message, options);
    this.name = 'DbBusyError';
  }
}

/** A migration failed, or the database records a schema this build cannot migrate (`recorded`). */
export class DbMigrationError extends DbError {
  /** The versions the database records, when they were the problem. */
  readonly recorded?: readonly number[];
  constructor(message: string, options?: { cause?: unknown; recorded?: readonly number[] }) {
    super('MIGRATION_FAILED', message, options);
    this.name = 'DbMigrationError';
    if (options?.recorded) this.recorded = options.recorded;
  }
}

/** A singleton job's lease (the clusterer's) is held by someone else now: its write was not made. */
export class DbLeaseLostError extends DbError {
  constructor(
    readonly lease: string,
    readonly holder: string,
  ) {
    super('LEASE_LOST', `lease ${lease} is no longer held by ${holder}`);
    this.name = 'DbLeaseLostError';
  }
}

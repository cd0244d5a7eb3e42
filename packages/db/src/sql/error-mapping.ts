import { DbBusyError, DbConnectionError, DbConstraintError, DbError } from '../errors.js';

// Driver errors (better-sqlite3, pg, network) become DbError subclasses, named after the operation
// and the entity it concerned, with the original error kept as `cause`.

/** A connection that failed or was lost: SQLite's codes, PostgreSQL's (class 08 and more), the network's. */
const CONNECTION_CODES =
  /^(SQLITE_CANTOPEN|SQLITE_NOTADB|08.*|57P0[123]|53300|3D000|28000|28P01|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)$/;
const CONNECTION_MESSAGES =
  /connection terminated|connection timeout|connection error|Cannot use a pool after calling end|database connection is not open|driver has already been destroyed/i;

export function toDbError(error: unknown, subject: string): DbError {
  if (error instanceof DbError) return error;
  const code =
    typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : '';
  const message = error instanceof Error ? error.message : String(error);
  const text = `${subject}: ${message}`;
  if (code.startsWith('SQLITE_CONSTRAINT') || /^23\d{3}$/.test(code))
    return new DbConstraintError(text, { cause: error });
  // better-sqlite3 reports extended codes: SQLITE_BUSY_RECOVERY, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE…
  if (/^SQLITE_(BUSY|LOCKED)(_|$)/.test(code) || code === '40P01' || code === '40001')
    return new DbBusyError(text, { cause: error });
  if (CONNECTION_CODES.test(code) || CONNECTION_MESSAGES.test(message))
    return new DbConnectionError(text, { cause: error });
  return new DbError('QUERY_FAILED', text, { cause: error });
}

/** Wraps an API group's methods: what they throw becomes a DbError naming the call (`feed 12`). */
export function withTypedErrors<Api extends object>(
  group: string,
  entity: string | Partial<Record<keyof Api, string>>,
  api: Api,
): Api {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(api)) {
    if (typeof value !== 'function') continue;
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await value(...args);
      } catch (error) {
        const subject = typeof entity === 'string' ? entity : entity[name as keyof Api];
        throw toDbError(error, `${group}.${name}${subject ? describeSubject(subject, args[0]) : ''}`);
      }
    };
  }
  return wrapped as Api;
}

function describeSubject(entity: string, first: unknown): string {
  if (typeof first === 'number' || typeof first === 'string')
    return ` (${entity} ${String(first).slice(0, 200)})`;
  if (first && typeof first === 'object') {
    const { id, url, feedId, query } = first as Record<string, unknown>;
    const ref =
      id ?? url ?? feedId ?? (typeof query === 'string' ? JSON.stringify(query.slice(0, 100)) : undefined);
    if (ref !== undefined) return ` (${entity} ${String(ref).slice(0, 200)})`;
  }
  return '';
}

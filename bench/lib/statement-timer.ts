import { createRequire } from 'node:module';

// Time spent in each SQLite statement of one copy of the database layer: the methods of the Statement
// class of the better-sqlite3 it loads (from its own node_modules) are wrapped, so that only its
// statements are timed, and only while the timer is on.

export interface StatementTime {
  ms: number;
  calls: number;
}

export interface StatementTimer {
  /** Statement text, white space folded, cut to its first `labelChars` characters -> time and calls. */
  readonly statements: Map<string, StatementTime>;
  on: boolean;
}

/** Times the statements of the better-sqlite3 that a module at `resolveFrom` would load. */
export function timeStatements(resolveFrom: string, labelChars: number): StatementTimer {
  const BetterSqlite3 = createRequire(resolveFrom)('better-sqlite3') as new (
    file: string,
  ) => { prepare(sql: string): object; close(): void };
  const probe = new BetterSqlite3(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<
    string,
    (...params: unknown[]) => unknown
  >;
  probe.close();
  const timer: StatementTimer = { statements: new Map(), on: false };
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statementPrototype[method]!;
    statementPrototype[method] = function timed(this: { source: string }, ...params: unknown[]) {
      if (!timer.on) return original.apply(this, params);
      const started = performance.now();
      try {
        return original.apply(this, params);
      } finally {
        const label = this.source.replace(/\s+/g, ' ').slice(0, labelChars);
        const entry = timer.statements.get(label) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - started;
        entry.calls += 1;
        timer.statements.set(label, entry);
      }
    };
  }
  return timer;
}

// PostgreSQL aborts one of two writers whose row locks wait on each other (a deadlock: retention and
// a reader's mark, or two marks of one user, can both touch item states and their counters). Running
// the write again sees the other side committed. SQLite writes one transaction at a time.

/** Attempts of a write before its conflict error is passed on. */
export const WRITE_CONFLICT_ATTEMPTS = 3;

export function isDeadlock(error: unknown): boolean {
  return (error as { code?: string }).code === '40P01';
}

/** Runs `work`, again (up to WRITE_CONFLICT_ATTEMPTS in all) while it fails with an error `isConflict` accepts. */
export async function retryOnConflict<T>(
  work: () => Promise<T>,
  isConflict: (error: unknown) => boolean = isDeadlock,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= WRITE_CONFLICT_ATTEMPTS || !isConflict(error)) throw error;
    }
  }
}

// PostgreSQL aborts one of two writers whose row locks wait on each other (retention and a reader's
// mark, or two marks of one user); running the write again sees the other side committed.

/** Attempts of a write before its deadlock error is passed on. */
export const WRITE_CONFLICT_ATTEMPTS = 3;

/** Runs `work`, again (up to WRITE_CONFLICT_ATTEMPTS in all) while it fails with a deadlock. */
export async function retryOnConflict<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= WRITE_CONFLICT_ATTEMPTS || (error as { code?: string }).code !== '40P01') throw error;
    }
  }
}

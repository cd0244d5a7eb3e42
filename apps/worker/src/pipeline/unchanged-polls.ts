import type { Db, UnchangedPoll } from '@newsfeed/db';

/** Most unchanged polls written by one statement (bounds the statement's size). */
export const MAX_UNCHANGED_BATCH = 500;

interface Waiting {
  poll: UnchangedPoll;
  resolve: (kept: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes the outcome of polls that changed nothing (304s: only the schedule) together: one write
 * is in flight, polls that finish meanwhile share the next, so batches grow with the rate without
 * a timer (group commit).
 */
export class UnchangedPollWriter {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly db: Db,
    private readonly workerId: string,
  ) {}

  /** Records the poll; resolves with whether this worker still held the feed's lease (else nothing was written). */
  finish(poll: UnchangedPoll): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ poll, resolve, reject });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_UNCHANGED_BATCH);
      try {
        const kept = new Set(
          await this.db.feeds.finishUnchanged(
            this.workerId,
            batch.map((entry) => entry.poll),
          ),
        );
        for (const entry of batch) entry.resolve(kept.has(entry.poll.id));
      } catch (error) {
        // Each poll's caller handles it as any database failure mid-poll (its lease then expires).
        for (const entry of batch) entry.reject(error);
      }
    }
    this.writing = false;
  }
}

/** Why a parse thread gave no answer; the thread was ended and is replaced. */
export type IsolationErrorCode = 'OUT_OF_MEMORY' | 'TIMEOUT' | 'THREAD_DIED' | 'POOL_CLOSED';

/** A feed or page whose parsing ran out of memory, out of time, or killed its thread. */
export class IsolationError extends Error {
  constructor(
    readonly code: IsolationErrorCode,
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${message} (${url})`, options);
    this.name = 'IsolationError';
  }
}

/** An error a task threw inside its thread, rebuilt with the same name and message. */
export class ThreadTaskError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

import { Worker } from 'node:worker_threads';
import type { ParsedItem } from '../deps/parser.js';
import type { FetchResponse } from '../fetch/http-client.js';
import type { FetchedArticle } from '../pipeline/full-text.js';
import type { ParseOutcome } from '../pipeline/parse-stage.js';
import type { TextFields } from '../pipeline/sign-item.js';
import { IsolationError, ThreadTaskError } from './isolation-error.js';
import type { ParseTask, ThreadReply } from './protocol.js';
import { threadEntry } from './thread-entry.js';

export interface ParsePoolOptions {
  /** Threads parsing at the same time (WORKER_PARSE_THREADS). */
  threads: number;
  /** Old-generation heap of each thread, MiB (WORKER_PARSE_HEAP_MB). */
  heapMb: number;
  /** A task still running after this long has its thread terminated (WORKER_PARSE_TIMEOUT_MS). */
  timeoutMs: number;
  /** Most characters of text a result may hold per byte of its body (WORKER_PARSE_MAX_EXPANSION). */
  maxExpansion?: number;
}

/** Default of WORKER_PARSE_MAX_EXPANSION. */
export const DEFAULT_MAX_EXPANSION = 4;

type Body = Pick<FetchResponse, 'url' | 'headers' | 'body'>;

interface Job {
  task: Omit<ParseTask, 'id'>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface PooledThread {
  thread: Worker;
  /** Whether the thread has loaded the parser and takes tasks. */
  ready: boolean;
  job: (Job & { id: number; timer: NodeJS.Timeout }) | null;
}

/**
 * Feed parsing and article extraction in a small pool of worker threads, each with its own heap
 * and time limit: a feed or page that exhausts either costs a thread (replaced) and becomes that
 * feed's or item's error, never the worker's.
 */
export class ParsePool {
  private readonly threads = new Set<PooledThread>();
  private readonly waiting: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly entry = threadEntry(import.meta.url, 'parse-thread');

  constructor(private readonly options: ParsePoolOptions) {}

  /** parseStage in a thread: the body as a feed, or the feeds a page advertises. */
  parseFeed(response: Body, timeZone: string): Promise<ParseOutcome> {
    return this.submit({ kind: 'feed', timeZone, ...this.payload(response) }) as Promise<ParseOutcome>;
  }

  /** extractArticle in a thread, keeping only the fields the pipeline reads. */
  extractArticle(response: Body): Promise<FetchedArticle | null> {
    return this.submit({
      kind: 'article',
      timeZone: 'UTC',
      ...this.payload(response),
    }) as Promise<FetchedArticle | null>;
  }

  /** signItem's text work (language, signatures) for one item, which may hold megabytes of text. */
  deriveText(
    item: ParsedItem,
    article: FetchedArticle | null,
    feedLanguage: string | null,
  ): Promise<TextFields> {
    return this.submit({
      kind: 'sign',
      url: item.url ?? '',
      headers: {},
      body: new Uint8Array(0),
      timeZone: 'UTC',
      maxExpansion: 0,
      signing: { item, article, feedLanguage },
    }) as Promise<TextFields>;
  }

  /** Threads alive now (for tests and metrics). */
  get size(): number {
    return this.threads.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0))
      job.reject(new IsolationError('POOL_CLOSED', job.task.url, 'The parse pool closed'));
    await Promise.all(
      [...this.threads].map((pooled) =>
        this.retire(pooled, (url) => new IsolationError('POOL_CLOSED', url, 'The parse pool closed')),
      ),
    );
  }

  private payload(response: Body): Pick<ParseTask, 'url' | 'headers' | 'body' | 'maxExpansion'> {
    // A copy the thread owns (transferred, not cloned again); the caller keeps reading its body.
    return {
      url: response.url,
      headers: response.headers,
      body: new Uint8Array(response.body),
      maxExpansion: this.options.maxExpansion ?? DEFAULT_MAX_EXPANSION,
    };
  }

  private submit(task: Omit<ParseTask, 'id'>): Promise<unknown> {
    if (this.closed)
      return Promise.reject(new IsolationError('POOL_CLOSED', task.url, 'The parse pool closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.waiting.length > 0) {
      const pooled = [...this.threads].find((candidate) => candidate.ready && candidate.job === null);
      if (!pooled) {
        // Threads still starting will take the waiting tasks when ready.
        const starting = [...this.threads].filter((candidate) => !candidate.ready).length;
        if (starting < this.waiting.length && this.threads.size < this.options.threads) {
          this.spawn();
          continue;
        }
        return;
      }
      this.start(pooled, this.waiting.shift()!);
    }
  }

  private start(pooled: PooledThread, job: Job): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      void this.retire(pooled, (url) => {
        const limit = `WORKER_PARSE_TIMEOUT_MS (${this.options.timeoutMs} ms)`;
        return new IsolationError('TIMEOUT', url, `Parsing took longer than ${limit}`);
      });
    }, this.options.timeoutMs);
    pooled.job = { ...job, id, timer };
    pooled.thread.ref();
    const message: ParseTask = { ...job.task, id };
    pooled.thread.postMessage(message, [message.body.buffer as ArrayBuffer]);
  }

  private spawn(): PooledThread {
    const thread = new Worker(this.entry.script, {
      ...this.entry.options,
      // The process's own flags (its heap cap, `-e` modes) are not the thread's: resourceLimits are.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    const pooled: PooledThread = { thread, ready: false, job: null };
    thread.on('message', (reply: ThreadReply) => {
      if ('ready' in reply) {
        pooled.ready = true;
        // Idle threads do not keep the process alive; a starting one does, as its task waits on it.
        thread.unref();
        this.dispatch();
        return;
      }
      const job = pooled.job;
      if (!job || job.id !== reply.id) return;
      clearTimeout(job.timer);
      pooled.job = null;
      thread.unref();
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new ThreadTaskError(reply.error.name, reply.error.message));
      this.dispatch();
    });
    thread.on('error', (error: Error & { code?: string }) => {
      void this.retire(pooled, (url) =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new IsolationError(
              'OUT_OF_MEMORY',
              url,
              `Parsing ran out of its WORKER_PARSE_HEAP_MB (${this.options.heapMb} MiB) heap`,
              { cause: error },
            )
          : new IsolationError('THREAD_DIED', url, `The parse thread died: ${error.message}`, {
              cause: error,
            }),
      );
    });
    thread.on('exit', (code) => {
      void this.retire(
        pooled,
        (url) => new IsolationError('THREAD_DIED', url, `The parse thread exited with code ${code}`),
      );
    });
    this.threads.add(pooled);
    return pooled;
  }

  /** Ends a thread, failing its task with the error `reason` makes for it; the next task starts a fresh one. */
  private async retire(pooled: PooledThread, reason: (url: string) => IsolationError): Promise<void> {
    if (!this.threads.delete(pooled)) return;
    // A thread that died starting (its heap too small for the parser) fails the task it was
    // started for, instead of being restarted for it forever.
    const running = pooled.job;
    const job = running ?? (pooled.ready ? null : (this.waiting.shift() ?? null));
    pooled.job = null;
    if (running) clearTimeout(running.timer);
    job?.reject(reason(job.task.url));
    await pooled.thread.terminate();
    if (!this.closed) this.dispatch();
  }
}

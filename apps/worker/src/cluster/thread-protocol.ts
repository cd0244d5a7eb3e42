import type { BudgetOverrun } from './cluster-stage.js';
import type { ClustererSettings } from './clusterer.js';

// Messages between the worker and its clusterer thread (clusterer-thread-host.ts, clusterer-thread.ts).

/** What the thread is started with: it opens its own connection to the database. */
export interface ClustererThreadData {
  databaseUrl: string;
  sqliteCacheMib?: number;
  postgresPoolSize?: number;
  settings: ClustererSettings;
  holder: string;
}

/**
 * run: Clusterer.run(); drain: Clusterer.runUntilDrained(); prepare: Clusterer.prepare(), answered
 * by `placing`; close: close the database, then exit.
 */
export type HostCommand = { type: 'run' | 'drain' | 'prepare' | 'finish' | 'stop' | 'close' };

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

export type ThreadMessage =
  | { type: 'ready' }
  /** The Clusterer's prepare() settled: it has loaded its index, or another process holds the lease. */
  | { type: 'placing' }
  | { type: 'log'; level: LogLevel; fields: Record<string, unknown>; message: string }
  | { type: 'lease'; held: boolean }
  | { type: 'batch'; lagsMs: number[] }
  | { type: 'overrun'; overrun: BudgetOverrun }
  | { type: 'done'; command: 'run' | 'drain' }
  | { type: 'failed'; command: 'run' | 'drain'; error: { name: string; message: string } }
  | { type: 'closed' };

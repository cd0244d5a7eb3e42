import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Db } from '@newsfeed/db';
import { threadEntry } from '../isolate/thread-entry.js';
import type { Logger } from '../observe/logger.js';
import type { WorkerMetrics } from '../observe/metrics.js';
import {
  type ClusterEvents,
  type ClusterStage,
  type ClusterStats,
  countBatch,
  metricsEvents,
} from './cluster-stage.js';
import { Latch } from './latch.js';
import type { ClustererThreadData, HostCommand, ThreadMessage } from './thread-protocol.js';

// The clustering stage in a thread of its own (clusterer-thread.ts), so that on two cores the rule
// and the polls' writes run at the same time. The lease, the queue and the batches are the
// Clusterer's as in one thread; this side forwards the commands, keeps the stats and the metrics,
// and starts a thread that died again (logged and counted), resuming what it was doing.

export interface ClustererThreadOptions {
  data: ClustererThreadData;
  /** This thread's connection: a dead thread is recorded there for the admin page. */
  db: Db;
  /** Old-generation heap of the thread, MiB (WORKER_CLUSTER_HEAP_MB). */
  heapMb: number;
  logger: Logger;
  metrics: WorkerMetrics;
  /** Pause before a dead thread is started again (WORKER_CLUSTER_IDLE_MS). */
  restartDelayMs: number;
}

type Command = 'run' | 'drain';

interface Running {
  thread: Worker;
  ready: Promise<void>;
  /** The command the thread is carrying out, settled by its `done`/`failed` or by its death. */
  pending: { command: Command; settle(outcome: 'done' | 'died' | Error): void } | null;
}

export class ClusterThreadError extends Error {
  readonly code = 'CLUSTER_THREAD_FAILED';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ClusterThreadError';
  }
}

export class ClustererThread implements ClusterStage {
  readonly stats: ClusterStats = { placed: 0, batches: 0, lagsMs: [] };
  private readonly events: ClusterEvents;
  private readonly entry = threadEntry(import.meta.url, 'clusterer-thread');
  private running: Running | null = null;
  /** Opened by the first thread's `placing`, or by its end before that (its error is run()'s). */
  private readonly placing = new Latch();
  private stopping = false;
  private finishing = false;
  private preparing = false;
  private closed = false;

  constructor(private readonly options: ClustererThreadOptions) {
    this.events = metricsEvents(options.metrics);
  }

  run(): Promise<void> {
    return this.carryOut('run');
  }

  runUntilDrained(): Promise<void> {
    return this.carryOut('drain');
  }

  stop(): void {
    this.stopping = true;
    this.placing.open();
    this.send({ type: 'stop' });
  }

  prepare(): Promise<void> {
    if (!this.preparing) this.send({ type: 'prepare' });
    this.preparing = true;
    return this.placing.opened;
  }

  async finish(): Promise<void> {
    this.finishing = true;
    this.send({ type: 'finish' });
  }

  /** The running thread, if any (tests end it to check that it is started again). */
  get thread(): Worker | null {
    return this.running?.thread ?? null;
  }

  /** Stops clustering, lets the thread close its database connection, and ends it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.stop();
    this.closed = true;
    const running = this.running;
    if (!running) return;
    const exited = new Promise((resolve) => running.thread.once('exit', resolve));
    await running.ready.catch(() => undefined);
    running.thread.postMessage({ type: 'close' } satisfies HostCommand);
    await exited;
  }

  /** Has the thread carry out `command`, again on a new thread if it dies meanwhile. */
  private async carryOut(command: Command): Promise<void> {
    while (!this.closed) {
      const running = this.running ?? this.spawn();
      await running.ready;
      if (running.pending)
        throw new ClusterThreadError(`The clusterer is already running ${running.pending.command}`);
      const outcome = await new Promise<'done' | 'died' | Error>((settle) => {
        running.pending = { command, settle };
        running.thread.postMessage({ type: command } satisfies HostCommand);
        // What was asked of the thread before it died is asked of the new one.
        if (command === 'run' && this.preparing)
          running.thread.postMessage({ type: 'prepare' } satisfies HostCommand);
        if (command === 'run' && this.finishing)
          running.thread.postMessage({ type: 'finish' } satisfies HostCommand);
        if (this.stopping) running.thread.postMessage({ type: 'stop' } satisfies HostCommand);
      });
      if (outcome === 'done') return;
      if (outcome instanceof Error) throw outcome;
      if (this.stopping && command === 'run') return;
      await sleep(this.options.restartDelayMs);
    }
  }

  private send(command: HostCommand): void {
    const running = this.running;
    if (!running) return;
    void running.ready.then(
      () => running.thread.postMessage(command),
      () => undefined,
    );
  }

  private spawn(): Running {
    const thread = new Worker(this.entry.script, {
      ...this.entry.options,
      workerData: this.options.data,
      // The process's own flags (its heap cap, `-e` modes) are not the thread's: resourceLimits are.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    let started!: () => void;
    let failedToStart!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      failedToStart = reject;
    });
    // Whoever waits on it hears of a failed start; nobody waiting is not an unhandled rejection.
    ready.catch(() => undefined);
    const running: Running = { thread, ready, pending: null };
    let isReady = false;
    let lastError: Error | null = null;
    thread.on('message', (message: ThreadMessage) => {
      switch (message.type) {
        case 'ready':
          isReady = true;
          started();
          break;
        case 'placing':
          this.placing.open();
          break;
        case 'log':
          this.options.logger[message.level](message.fields, message.message);
          break;
        case 'lease':
          this.events.leaseHeld(message.held);
          break;
        case 'batch':
          countBatch(this.stats, message.lagsMs);
          this.events.batchWritten(message.lagsMs);
          break;
        case 'overrun':
          this.events.budgetExceeded(message.overrun);
          break;
        case 'done':
          this.placing.open();
          this.settle(running, 'done');
          break;
        case 'failed':
          this.placing.open();
          this.settle(running, Object.assign(new Error(message.error.message), { name: message.error.name }));
          break;
        case 'closed':
          break;
      }
    });
    thread.on('error', (error) => {
      lastError = error;
    });
    thread.on('exit', (code) => {
      // A restarted thread loads its index while polls go on: waiting for it is for a start only.
      this.placing.open();
      if (this.running === running) this.running = null;
      this.events.leaseHeld(false);
      if (this.closed) return;
      const reason = lastError?.message ?? `exit code ${code}`;
      if (!isReady) {
        // A thread that cannot start (no database, no heap for the rule) would fail again: say so.
        failedToStart(
          new ClusterThreadError(`The clusterer thread did not start: ${reason}`, { cause: lastError }),
        );
        this.settle(running, new ClusterThreadError(`The clusterer thread did not start: ${reason}`));
        return;
      }
      this.options.metrics.clusterThreadRestarts.inc();
      this.options.logger.error(
        { err: reason, restart_in_ms: this.options.restartDelayMs },
        'clusterer thread died; starting it again',
      );
      void this.options.db.clusterWarnings
        .record({
          kind: 'thread-died',
          message: `The clusterer thread died (${reason}) and was started again.`,
          at: Date.now(),
        })
        .catch((error: Error) =>
          this.options.logger.error({ err: error.message }, 'cluster warning not recorded'),
        )
        .finally(() => this.settle(running, 'died'));
    });
    this.running = running;
    return running;
  }

  private settle(running: Running, outcome: 'done' | 'died' | Error): void {
    const pending = running.pending;
    running.pending = null;
    pending?.settle(outcome);
  }
}

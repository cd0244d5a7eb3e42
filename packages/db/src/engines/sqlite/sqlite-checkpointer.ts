import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// SQLite checkpoints inside the COMMIT that fills the write-ahead log, and every other query waits
// behind it. Here a thread with its own connection runs PASSIVE checkpoints a moment after commits,
// which never block anyone; the writer's autocheckpoint stays on as a fallback.

/** The writer's autocheckpoint (pages) while a checkpointer runs: only a fallback. */
export const FALLBACK_CHECKPOINT_PAGES = 40_000;

// The thread's code (CommonJS, run with eval: nothing to bundle; the driver's path is passed in).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
let timer = null;
function checkpoint() {
  timer = null;
  try {
    // PASSIVE: copies what no reader still needs, takes no lock that blocks anyone, never waits.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
}
parentPort.on('message', (message) => {
  if (message === 'close') {
    if (timer) clearTimeout(timer);
    db.close();
    parentPort.close();
    return;
  }
  if (!timer) timer = setTimeout(checkpoint, workerData.intervalMs);
});
`;

/**
 * Starts the checkpoint thread at the first commit. If it cannot start or fails, `onFailure` is told
 * once and checkpoints are left to the writer again; a commit never fails for it.
 */
export function createCheckpointer(path: string, intervalMs: number, onFailure: (error: Error) => void) {
  let worker: Worker | null = null;
  let exited: Promise<void> | null = null;
  let stopped = false;
  const fail = (error: Error) => {
    if (stopped) return;
    stopped = true;
    onFailure(error);
  };
  return {
    /** A write transaction committed: a checkpoint follows within the interval. Never throws. */
    committed() {
      if (stopped) return;
      if (!worker) {
        try {
          const driver = createRequire(import.meta.url).resolve('better-sqlite3');
          worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path, intervalMs } });
        } catch (error) {
          fail(error as Error);
          return;
        }
        // Never what keeps a process alive: close() ends it, and so does the process's exit.
        worker.unref();
        worker.on('message', (message: { error?: string }) => {
          if (message.error) fail(new Error(message.error));
        });
        worker.on('error', fail);
        exited = new Promise((resolve) => worker!.once('exit', () => resolve()));
      }
      worker.postMessage('commit');
    },
    async close() {
      stopped = true;
      if (!worker) return;
      // Waited for now: an unreferenced thread would let the process's event loop run dry meanwhile.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}

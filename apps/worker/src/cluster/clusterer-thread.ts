import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../deps/db.js';
import type { ClusterEvents, ClusterLogger } from './cluster-stage.js';
import { Clusterer } from './clusterer.js';
import type { ClustererThreadData, HostCommand, LogLevel, ThreadMessage } from './thread-protocol.js';

// The body of the clusterer thread: the Clusterer with a database connection of its own, so the
// rule's CPU runs beside the polls' writes instead of between them. Its log lines and counters go
// to the worker (clusterer-thread-host.ts), which owns the log and /metrics.

const port = parentPort!;
const data = workerData as ClustererThreadData;
const post = (message: ThreadMessage) => port.postMessage(message);

function forward(level: LogLevel) {
  return (fields: Record<string, unknown>, message: string) => post({ type: 'log', level, fields, message });
}
const logger: ClusterLogger = {
  error: forward('error'),
  warn: forward('warn'),
  info: forward('info'),
  debug: forward('debug'),
};
const events: ClusterEvents = {
  leaseHeld: (held) => post({ type: 'lease', held }),
  batchWritten: (lagsMs) => post({ type: 'batch', lagsMs }),
  budgetExceeded: (overrun) => post({ type: 'overrun', overrun }),
};

const db = await openDb(data.databaseUrl, {
  ...(data.sqliteCacheMib === undefined ? {} : { sqliteCacheMib: data.sqliteCacheMib }),
  ...(data.postgresPoolSize === undefined ? {} : { postgresPoolSize: data.postgresPoolSize }),
});
const clusterer = new Clusterer(db, data.settings, logger, events, data.holder);

function settle(command: 'run' | 'drain', work: Promise<void>): void {
  work.then(
    () => post({ type: 'done', command }),
    (error: unknown) => {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      post({ type: 'failed', command, error: { name, message } });
    },
  );
}

port.on('message', (command: HostCommand) => {
  switch (command.type) {
    case 'run':
      settle('run', clusterer.run());
      break;
    case 'drain':
      settle('drain', clusterer.runUntilDrained());
      break;
    case 'prepare':
      void clusterer.prepare().then(() => post({ type: 'placing' }));
      break;
    case 'finish':
      clusterer.finish().catch(() => clusterer.stop());
      break;
    case 'stop':
      clusterer.stop();
      break;
    case 'close':
      clusterer.stop();
      db.close().finally(() => {
        post({ type: 'closed' });
        port.close();
      });
      break;
  }
});

post({ type: 'ready' });

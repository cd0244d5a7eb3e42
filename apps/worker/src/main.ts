#!/usr/bin/env node
import { loadWorkerConfig } from './env.js';

const config = loadWorkerConfig();
console.log(JSON.stringify({ msg: 'worker started', database: config.DATABASE_URL.split(':')[0] }));
const timer = setInterval(() => {}, config.WORKER_POLL_INTERVAL_MS);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(timer);
    console.log(JSON.stringify({ msg: 'worker stopped', signal }));
  });
}

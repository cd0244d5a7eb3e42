#!/usr/bin/env -S node --max-old-space-size=256
// The heap cap (also in package.json's `start`): V8 otherwise lets garbage pile up far past the live
// set (an ingesting poll; the clusterer's index lives in its thread's heap, WORKER_CLUSTER_HEAP_MB). Raise it with
// `node --max-old-space-size=N dist/main.js` for feeds near WORKER_MAX_BODY_BYTES at high concurrency.
import { runCommand, UsageError } from './cli/commands.js';
import { ConfigError, loadWorkerConfig } from './env.js';
import { createLogger, type Logger } from './observe/logger.js';

/**
 * A failure is said once: `run` (a service whose output is a log) writes it as its last JSON log
 * line; every other command, run by a person, writes one readable line to stderr.
 */
function reportFailure(error: Error & { code?: string }, command: string | undefined, logger: Logger): void {
  if (command === 'run') logger.fatal({ err: error.message, code: error.code }, 'worker failed');
  else process.stderr.write(`${error.name}${error.code ? ` [${error.code}]` : ''}: ${error.message}\n`);
}

async function main(): Promise<number> {
  let config: ReturnType<typeof loadWorkerConfig>;
  try {
    config = loadWorkerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const command = process.argv[2];
  try {
    return await runCommand(process.argv.slice(2), config, logger, {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      onSignal(handler) {
        let received = 0;
        const listener = (signal: NodeJS.Signals) => {
          // A second signal means "now": the leases expire by themselves, nothing committed is lost.
          if (++received > 1) process.exit(130);
          handler(signal);
        };
        process.on('SIGINT', listener);
        process.on('SIGTERM', listener);
        return () => {
          process.off('SIGINT', listener);
          process.off('SIGTERM', listener);
        };
      },
    });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    reportFailure(error as Error & { code?: string }, command, logger);
    return error instanceof ConfigError ? 2 : 1;
  } finally {
    logger.flush();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);

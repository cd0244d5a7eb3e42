#!/usr/bin/env -S node --max-old-space-size=160
// The heap cap (also in package.json's `start`): V8 otherwise lets garbage pile up to ~250 MiB
// during an ingesting poll although the live set stays under ~80 MiB (bench/RESULTS.md, Worker);
// at 160 MiB it collects sooner at no measurable CPU cost. Raise it with
// `node --max-old-space-size=N dist/main.js` for feeds near WORKER_MAX_BODY_BYTES at high concurrency.
import { runCommand } from './cli/commands.js';
import { UsageError } from './cli/usage-error.js';
import { ConfigError, loadWorkerConfig } from './env.js';
import { createLogger } from './observe/logger.js';

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
  try {
    return await runCommand(process.argv.slice(2), config, logger, {
      out: (line) => process.stdout.write(`${line}\n`),
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
    const err = error as Error & { code?: string };
    logger.fatal({ err: err.message, code: err.code }, 'worker failed');
    process.stderr.write(`${err.name}${err.code ? ` [${err.code}]` : ''}: ${err.message}\n`);
    return 1;
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

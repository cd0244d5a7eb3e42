import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

export type Logger = PinoLogger;

/**
 * JSON lines on stdout with fixed keys, so logs can be queried the same way everywhere:
 * `feed_id`, `url`, `status` (HTTP), `outcome`, `duration_ms`, `items_new`, `items_updated`,
 * `next_poll_at`, `err` (message), `worker_id`.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'newsfeed-worker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

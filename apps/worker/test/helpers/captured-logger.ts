import { Writable } from 'node:stream';
import { createLogger } from '../../src/observe/logger.js';

/** A worker logger at `level` whose lines are kept, parsed, in `lines` (clear it with `lines.length = 0`). */
export function capturedLogger(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger(
    level,
    new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).trim().split('\n')) lines.push(JSON.parse(line));
        done();
      },
    }),
  );
  return { logger, lines };
}

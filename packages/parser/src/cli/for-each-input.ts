import type { CliIo } from './cli-io.js';
import { readInput } from './read-input.js';

function errorRecord(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'ERROR', message: error.message };
  }
  return { code: 'ERROR', message: String(error) };
}

/**
 * The contract of every command: one JSON line per input, `"file"` first; a failing input prints
 * `{"file","error":{"code","message"}}` and the run goes on. Inputs are read up to `maxBytes`.
 * Returns the exit code: 1 when any input failed.
 */
export async function forEachInput(
  files: readonly string[],
  io: CliIo,
  maxBytes: number,
  handle: (bytes: Uint8Array, file: string) => Promise<object>,
): Promise<number> {
  let failed = false;
  for (const file of files) {
    let line: string;
    try {
      const bytes = await readInput(file, io.stdin, maxBytes);
      // Serialized here, so a result too large to print is that input's error, not the run's end.
      line = JSON.stringify({ file, ...(await handle(bytes, file)) });
    } catch (error) {
      failed = true;
      line = JSON.stringify({ file, error: errorRecord(error) });
    }
    io.stdout.write(`${line}\n`);
  }
  return failed ? 1 : 0;
}

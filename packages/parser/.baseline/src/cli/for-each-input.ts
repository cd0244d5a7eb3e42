import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { CliIo } from './cli-io.js';

async function readStream(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function errorRecord(error: unknown): { code: string; message: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'ERROR', message: error.message };
  }
  return { code: 'ERROR', message: String(error) };
}

/**
 * The shared contract of every command: one JSON line per input, `"file"` first, the result's
 * fields after it; an input that fails prints `{"file","error":{"code","message"}}` and the run
 * goes on. Returns the exit code: 1 when any input failed.
 */
export async function forEachInput(
  files: readonly string[],
  io: CliIo,
  handle: (bytes: Uint8Array, file: string) => Promise<object>,
): Promise<number> {
  let failed = false;
  for (const file of files) {
    let line: object;
    try {
      const bytes = file === '-' ? await readStream(io.stdin) : new Uint8Array(await readFile(file));
      line = { file, ...(await handle(bytes, file)) };
    } catch (error) {
      failed = true;
      line = { file, error: errorRecord(error) };
    }
    io.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return failed ? 1 : 0;
}

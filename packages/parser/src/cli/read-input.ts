import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** An input longer than the command's byte limit: refused as soon as the limit is passed. */
export class InputTooLargeError extends Error {
  readonly code = 'TOO_LARGE';
  constructor(file: string, maxBytes: number) {
    super(`${file} is over the ${maxBytes}-byte limit`);
    this.name = 'InputTooLargeError';
  }
}

/**
 * The bytes of `stream`, read chunk by chunk and refused once past `maxBytes`, so a device
 * (/dev/zero), a pipe or a huge file costs at most the limit.
 */
export async function readCapped(stream: Readable, maxBytes: number, file: string): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.byteLength;
    // Leaving the loop destroys the stream: nothing more is read.
    if (size > maxBytes) throw new InputTooLargeError(file, maxBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A file's bytes (or stdin's for "-"), at most `maxBytes`. */
export function readInput(file: string, stdin: Readable, maxBytes: number): Promise<Uint8Array> {
  return readCapped(file === '-' ? stdin : createReadStream(file), maxBytes, file);
}

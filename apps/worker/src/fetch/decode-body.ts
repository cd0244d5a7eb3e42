import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { FetchError } from './fetch-error.js';

type Decoder = NodeJS.ReadWriteStream & { destroy(error?: Error): void };

/** Inflates `deflate` whether the server sent a zlib stream (RFC) or raw deflate (old IIS). */
function deflateDecoder(firstByte: number | undefined): Decoder {
  return (
    firstByte !== undefined && (firstByte & 0x0f) === 8 ? createInflate() : createInflateRaw()
  ) as Decoder;
}

function decoderFor(encoding: string, firstByte: number | undefined): Decoder | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip() as Decoder;
    case 'deflate':
      return deflateDecoder(firstByte);
    case 'br':
      return createBrotliDecompress() as Decoder;
    default:
      return null;
  }
}

/**
 * Reads a response body, undoing its Content-Encoding chunk by chunk and stopping once the decoded
 * size passes `maxBytes`, so a gzip bomb is never inflated. Returns the decoded and wire byte counts.
 */
export async function readBody(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
  url: string,
): Promise<{ bytes: Buffer; wireBytes: number }> {
  const encodings = (contentEncoding ?? '')
    .toLowerCase()
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== 'identity');
  let wireBytes = 0;
  const tooLarge = () =>
    new FetchError('TOO_LARGE', url, `Response body exceeds WORKER_MAX_BODY_BYTES (${maxBytes} bytes)`);

  async function* wire(): AsyncGenerator<Buffer> {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      wireBytes += buffer.length;
      // Compressed input is bounded too: a compressed stream larger than the limit is already too much.
      if (wireBytes > maxBytes) throw tooLarge();
      yield buffer;
    }
  }

  let source: AsyncIterable<Buffer> = wire();
  // Encodings are listed in the order they were applied, so they are undone from the last.
  for (const encoding of encodings.reverse()) source = decode(source, encoding, url);

  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    body.on('error', () => undefined);
    body.destroy();
    throw error;
  }
  return { bytes: Buffer.concat(chunks, total), wireBytes };
}

async function* decode(source: AsyncIterable<Buffer>, encoding: string, url: string): AsyncGenerator<Buffer> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const decoder = decoderFor(encoding, first.value[0]);
  if (!decoder) throw new FetchError('BAD_ENCODING', url, `Unsupported Content-Encoding "${encoding}"`);
  // Feed the decoder from the source while reading its output; backpressure keeps both bounded.
  const pump = (async () => {
    try {
      let next: IteratorResult<Buffer> = first;
      while (!next.done) {
        if (!decoder.write(next.value)) {
          await new Promise((resolve) => {
            decoder.once('drain', resolve);
            decoder.once('close', resolve);
          });
        }
        if ((decoder as unknown as { destroyed: boolean }).destroyed) return;
        next = await iterator.next();
      }
      decoder.end();
    } catch (error) {
      decoder.destroy(error as Error);
    }
  })();
  try {
    for await (const chunk of decoder as AsyncIterable<Buffer>) yield chunk;
  } catch (error) {
    if (error instanceof FetchError) throw error;
    throw new FetchError('BAD_ENCODING', url, `Corrupt ${encoding} body: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    // Not awaited: the reader may be stuck on a trickling socket that the caller is about to destroy.
    decoder.destroy();
    void iterator.return?.()?.catch(() => undefined);
    void pump;
  }
}

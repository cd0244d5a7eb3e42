import { constants, crc32, deflateRawSync } from 'node:zlib';

// A kept page sent gzip-compressed without compressing it again for every reader. Each response
// carries its own nonce, so no one compressed body fits them all; but the body is the same around
// the nonces. It is compressed once, in pieces cut where the nonce goes, each piece ending on a byte
// boundary (a sync flush); a response is those pieces with its nonce between them as stored
// (uncompressed) deflate blocks, one gzip member a reader inflates as any other (RFC 1951, 1952).

/** A kept body compressed in pieces: the body between one nonce and the next, as raw deflate. */
export type GzipPieces = readonly Buffer[];

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]); // deflate, no name, no mtime, Unix
const LAST_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]); // an empty stored block marked final
/** The longest stored block; a nonce is a few dozen bytes. */
const MAX_STORED_BLOCK = 0xffff;

/** The body's pieces between the nonces (`nonceLength` bytes at each offset), compressed. */
export function gzipPieces(body: Uint8Array, offsets: readonly number[], nonceLength: number): GzipPieces {
  const pieces: Buffer[] = [];
  let from = 0;
  for (const at of [...offsets, body.byteLength]) {
    pieces.push(deflateRawSync(body.subarray(from, at), { finishFlush: constants.Z_SYNC_FLUSH }));
    from = at + nonceLength;
  }
  return pieces;
}

function storedBlock(bytes: Buffer): Buffer {
  const header = Buffer.from([0, 0, 0, 0, 0]);
  header.writeUInt16LE(bytes.byteLength, 1);
  header.writeUInt16LE(~bytes.byteLength & 0xffff, 3);
  return header;
}

/**
 * The gzip body of the kept `body` with `nonce` at each of `offsets`: the same bytes a reader gets
 * from compressing withNonce()'s body.
 */
export function gzipWithNonce(
  pieces: GzipPieces,
  body: Uint8Array,
  offsets: readonly number[],
  oldNonceLength: number,
  nonce: string,
): Buffer {
  const fresh = Buffer.from(nonce);
  if (fresh.byteLength > MAX_STORED_BLOCK) throw new RangeError('a nonce longer than one stored block');
  const nonceHeader = storedBlock(fresh);
  const parts: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let from = 0;
  for (const [index, piece] of pieces.entries()) {
    const at = offsets[index] ?? body.byteLength;
    crc = crc32(body.subarray(from, at), crc);
    parts.push(piece);
    if (index < offsets.length) {
      crc = crc32(fresh, crc);
      parts.push(nonceHeader, fresh);
    }
    from = at + oldNonceLength;
  }
  const size = body.byteLength + offsets.length * (fresh.byteLength - oldNonceLength);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  parts.push(LAST_BLOCK, trailer);
  return Buffer.concat(parts);
}

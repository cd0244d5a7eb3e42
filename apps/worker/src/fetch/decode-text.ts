import { TextDecoder } from 'node:util';
import { decodeWith } from '../deps/parser.js';

/** The charset a Content-Type header names, if any. */
export function charsetOf(contentType: string | undefined): string | null {
  return /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? null;
}

function decoderFor(label: string | null): TextDecoder | null {
  if (!label) return null;
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/**
 * Decodes an HTML page the way a browser would, in short: BOM, then the HTTP charset, then a
 * <meta charset> in the first 1024 bytes, then UTF-8. Bytes that don't fit are replaced, not fatal.
 */
export function decodeHtml(bytes: Uint8Array, contentType: string | undefined): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
  const decoder = decoderFor(charsetOf(contentType)) ?? decoderFor(meta) ?? new TextDecoder('utf-8');
  // decodeWith: windows-1252 by the standard's table (Node 20.18.3+ gets 0x80-0x9F wrong).
  return decodeWith(decoder, bytes);
}

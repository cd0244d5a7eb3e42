import { type BytesDecoder, codePageDecoder, ebcdicHead, looksLikeEbcdic } from '../encoding/code-pages.js';
import { guessCjkEncoding } from '../encoding/guess-cjk-encoding.js';
import { decodeWith } from '../encoding/text-decoder.js';
import type { Warnings } from './warnings.js';

const CHARSET_PARAMETER = /charset\s*=\s*["']?([^;"'\s]+)/i;
const XML_DECLARATION_ENCODING = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;
/** How far into the body an XML declaration is looked for. */
const DECLARATION_SNIFF_BYTES = 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** The encoding the bytes announce without a label: a BOM, or UTF-16's zero bytes around "<?". */
function sniffByteOrder(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', skip: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', skip: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', skip: 2 };
  if (startsWith(bytes, [0x00, 0x3c, 0x00, 0x3f])) return { encoding: 'utf-16be', skip: 0 };
  if (startsWith(bytes, [0x3c, 0x00, 0x3f, 0x00])) return { encoding: 'utf-16le', skip: 0 };
  return null;
}

// Labels publishers write that the Encoding Standard spells otherwise.
const LABEL_ALIASES: ReadonlyMap<string, string> = new Map([
  ['mac-roman', 'macintosh'],
  ['macroman', 'macintosh'],
  ['mac-cyrillic', 'x-mac-cyrillic'],
  ['maccyrillic', 'x-mac-cyrillic'],
  ['cp874', 'windows-874'],
]);

/** TextDecoder for the Encoding Standard's labels, else a code page table (DOS, EBCDIC...). */
function makeDecoder(label: string, fatal: boolean): BytesDecoder | null {
  try {
    return new TextDecoder(LABEL_ALIASES.get(label.toLowerCase()) ?? label, { fatal, ignoreBOM: true });
  } catch {
    return codePageDecoder(label);
  }
}

/** UTF-8 where the bytes are valid UTF-8, windows-1252 for each byte that is not (mixed bodies). */
function decodeMixedUtf8(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const latin = new TextDecoder('windows-1252');
  let out = '';
  let runStart = 0;
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    let valid = length > 0 && index + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) valid = (bytes[index + k]! & 0xc0) === 0x80;
    // Overlong forms and surrogates pass the byte-pattern test above; the strict decoder knows.
    if (valid && length > 2) valid = isWellFormed(bytes.subarray(index, index + length));
    if (valid) {
      index += length;
      continue;
    }
    out += utf8.decode(bytes.subarray(runStart, index)) + decodeWith(latin, bytes.subarray(index, index + 1));
    index += 1;
    runStart = index;
  }
  return out + utf8.decode(bytes.subarray(runStart));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function isWellFormed(sequence: Uint8Array): boolean {
  try {
    strictUtf8.decode(sequence);
    return true;
  } catch {
    return false;
  }
}

function declaredXmlEncoding(bytes: Uint8Array): string | null {
  if (looksLikeEbcdic(bytes)) {
    // "<?xm" in EBCDIC: the declaration names the page; cp037 reads it (and is the default).
    return XML_DECLARATION_ENCODING.exec(ebcdicHead(bytes, DECLARATION_SNIFF_BYTES))?.[1] ?? 'cp037';
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, DECLARATION_SNIFF_BYTES));
  return XML_DECLARATION_ENCODING.exec(head)?.[1] ?? null;
}

/**
 * Bytes to text with the encoding the RFCs say: a BOM, then the HTTP charset (it wins over the XML
 * declaration, RFC 7303), then the XML declaration, else UTF-8; browser encodings plus the IBM PC,
 * EBCDIC and ISO-8859-16 code pages. Misfit bytes give ENCODING_MISMATCH, an unknown label
 * UNKNOWN_ENCODING (decoded as UTF-8).
 */
export function decodeBody(
  body: string | Uint8Array,
  contentType: string | undefined,
  warnings: Warnings,
): string {
  if (typeof body === 'string') return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const byteOrder = sniffByteOrder(body);
  const httpCharset = contentType ? CHARSET_PARAMETER.exec(contentType)?.[1] : undefined;
  const declared = byteOrder?.encoding ?? httpCharset ?? declaredXmlEncoding(body);
  let label = declared ?? 'utf-8';
  const bytes = byteOrder ? body.subarray(byteOrder.skip) : body;
  // A UTF-16 label on 8-bit bytes (no BOM, no zero bytes) is a transcoding leftover: ignore it.
  if (!byteOrder && /^utf-?16/i.test(label)) {
    warnings.add('ENCODING_MISMATCH', `Declared ${label} but the body is 8-bit; read as UTF-8`);
    label = 'utf-8';
  }
  let decoder = makeDecoder(label, true);
  if (!decoder) {
    warnings.add('UNKNOWN_ENCODING', `Unknown encoding ${JSON.stringify(label)}; read as UTF-8`);
    label = 'utf-8';
    decoder = makeDecoder(label, true)!;
  }
  try {
    return decodeWith(decoder, bytes);
  } catch {
    warnings.add('ENCODING_MISMATCH', `The body is not valid ${label}; decoded best-effort`);
    if (decoder.encoding === 'utf-8' && declared === null) {
      // Nothing declared and not UTF-8: an East Asian encoding when the bytes clearly are one.
      const guessed = guessCjkEncoding(bytes);
      if (guessed) {
        warnings.add('ENCODING_GUESSED', `No encoding declared; the content reads as ${guessed}`);
        return new TextDecoder(guessed).decode(bytes);
      }
    }
    if (decoder.encoding === 'utf-8') return decodeMixedUtf8(bytes);
    return decodeWith(makeDecoder(label, false)!, bytes);
  }
}

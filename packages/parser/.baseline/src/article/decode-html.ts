import { decodeWith } from '../encoding/text-decoder.js';
import { ArticleExtractionError } from './article-error.js';

// The HTML spec's prescan looks at the first 1024 bytes for <meta charset>; pages in the wild
// put it later (after long comments or scripts), so we look a little further.
const META_PRESCAN_BYTES = 4096;

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
];

const CONTENT_TYPE_CHARSET = /charset\s*=\s*["']?([\w.:-]+)/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i;

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | null {
  for (const bom of BOMS) {
    if (bom.bytes.every((byte, index) => bytes[index] === byte))
      return { encoding: bom.encoding, length: bom.bytes.length };
  }
  return null;
}

function supported(label: string | undefined): string | null {
  if (!label) return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/**
 * The encoding of an HTML document, in the order browsers trust: byte-order mark, the
 * Content-Type header's charset, <meta charset> / http-equiv in the first bytes, else UTF-8.
 */
export function sniffHtmlEncoding(bytes: Uint8Array, contentType?: string): string {
  const bom = bomEncoding(bytes);
  if (bom) return bom.encoding;
  const declared = supported(contentType?.match(CONTENT_TYPE_CHARSET)?.[1]);
  if (declared) return declared;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, META_PRESCAN_BYTES));
  const meta = supported(head.match(META_CHARSET)?.[1]);
  // A page that declares UTF-16 in a <meta> is ASCII-compatible bytes by definition: the spec
  // reads that declaration as UTF-8.
  if (meta && !meta.startsWith('utf-16')) return meta;
  return 'utf-8';
}

/** How much of the start of a decoded page is inspected for signs of binary data. */
const BINARY_SAMPLE_CHARS = 4096;
/** Share of U+FFFD / control characters in that sample above which the input is not text. */
const MAX_GARBAGE_SHARE = 0.1;
// C0 controls other than tab, newline, form feed and carriage return never appear in HTML text.
const GARBAGE = /[\u0000-\u0008\u000b\u000e-\u001f\ufffd]/g;

/** An image, a PDF or random bytes decoded "as HTML" is a sea of replacement and control characters. */
export function looksBinary(text: string): boolean {
  const sample = text.slice(0, BINARY_SAMPLE_CHARS);
  if (sample.length === 0) return false;
  return (sample.match(GARBAGE)?.length ?? 0) / sample.length > MAX_GARBAGE_SHARE;
}

/**
 * Decodes page bytes to text (strings pass through); isolated malformed bytes become U+FFFD.
 * @throws ArticleExtractionError when the input is not text or bytes, or is binary data.
 */
export function decodeHtml(input: string | Uint8Array, url: string, contentType?: string): string {
  if (typeof input === 'string') return input;
  if (!(input instanceof Uint8Array)) {
    throw new ArticleExtractionError(
      'ARTICLE_INPUT_INVALID',
      url,
      `Expected HTML as a string or bytes, got ${typeof input}`,
    );
  }
  const encoding = sniffHtmlEncoding(input, contentType);
  const bom = bomEncoding(input);
  let text: string;
  try {
    text = decodeWith(new TextDecoder(encoding), bom ? input.subarray(bom.length) : input);
  } catch (cause) {
    throw new ArticleExtractionError('ARTICLE_DECODE_FAILED', url, `Cannot decode the page as ${encoding}`, {
      cause,
    });
  }
  if (looksBinary(text)) {
    throw new ArticleExtractionError(
      'ARTICLE_BINARY_INPUT',
      url,
      `The input is binary data, not an HTML page (read as ${encoding})`,
    );
  }
  return text;
}

import { decodeWith } from '../encoding/text-decoder.js';
import { DEFAULT_MAX_BYTES } from '../feed/limits.js';
import { normalizeScrapedText } from '../text/normalize-scraped-text.js';
import type { CommandRun } from './cli-io.js';
import { forEachInput } from './for-each-input.js';

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** Scraped text that is not UTF-8 is almost always Windows-1252 (or its subset Latin-1). */
const LEGACY = new TextDecoder('windows-1252');

function decodeText(bytes: Uint8Array): { text: string; legacy: boolean } {
  try {
    return { text: UTF8.decode(bytes), legacy: false };
  } catch {
    return { text: decodeWith(LEGACY, bytes), legacy: true };
  }
}

/**
 * `text FILE... [--url URL] [--title TITLE]`: one JSON line per scraped-text file with the
 * Article normalizeScrapedText makes of it. Files are UTF-8; one that is not is read as
 * Windows-1252 with a warning. Files over DEFAULT_MAX_BYTES are refused (TOO_LARGE).
 */
export const runTextCommand: CommandRun = async (files, flags, io) => {
  const url = flags.get('url');
  const title = flags.get('title');
  return forEachInput(files, io, DEFAULT_MAX_BYTES, async (bytes) => {
    const { text, legacy } = decodeText(bytes);
    const article = normalizeScrapedText(text, { url, title });
    if (legacy) {
      article.warnings.push({
        code: 'NOT_UTF8',
        message: 'Input is not valid UTF-8; read it as Windows-1252',
      });
    }
    return article;
  });
};

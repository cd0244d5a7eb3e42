import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../article/extract-article.js';
import { DEFAULT_MAX_BYTES } from '../feed/limits.js';
import type { CommandRun } from './cli-io.js';
import { forEachInput } from './for-each-input.js';

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * `.html.gz` inputs (or any gzip stream) are unpacked before extraction, to at most `maxBytes`
 * (past it zlib throws a RangeError: that file's error).
 */
function maybeGunzip(bytes: Uint8Array, maxBytes: number): Uint8Array {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]
    ? new Uint8Array(gunzipSync(bytes, { maxOutputLength: maxBytes }))
    : bytes;
}

/**
 * `article FILE... [--url URL] [--content-type TYPE]`: one JSON line per page with the Article, or
 * `"article": null`. Without `--url` a page's URL is its file:// URL; pages over DEFAULT_MAX_BYTES
 * are refused.
 */
export const runArticleCommand: CommandRun = async (files, flags, io) => {
  const url = flags.get('url');
  const contentType = flags.get('content-type');
  return forEachInput(files, io, DEFAULT_MAX_BYTES, async (bytes, file) => {
    const pageUrl = url ?? (file === '-' ? 'file:///dev/stdin' : pathToFileURL(path.resolve(file)).href);
    const article = await extractArticle(maybeGunzip(bytes, DEFAULT_MAX_BYTES), {
      url: pageUrl,
      contentType,
    });
    return article ?? { url: pageUrl, article: null };
  });
};

import { foldText } from './fold.js';
import type { SearchTerm } from './query.js';

// Search snippets, built here rather than by each engine (FTS5 snippet() re-runs the query per row;
// ts_headline re-parses the text): the same highlighting on SQLite and PostgreSQL, in linear time.

/** Words in a snippet. */
export const SNIPPET_WORDS = 24;
/** Only the start of a long text is searched for the snippet's window. */
export const SNIPPET_TEXT_LIMIT = 20_000;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII = /^[\x00-\x7f]*$/;
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Case-, accent- and ß/ss-insensitive, as search compares words (fold.ts). */
export function foldWord(word: string): string {
  return foldText(word);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The words of a text: start and end offsets, and whether each is a query word (1) or not (0). */
interface Words {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  hits: Uint8Array;
}

function isHit(folded: string, exact: Set<string>, prefixes: string[]): boolean {
  return exact.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix));
}

function emptyWords(source: string): Words {
  // A word takes at least one character and a separator: never more than half the text, plus one.
  const capacity = Math.ceil(source.length / 2) + 1;
  return {
    count: 0,
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    hits: new Uint8Array(capacity),
  };
}

/** Any text: words by Unicode classes, each folded (accents, case) before it is compared. */
function unicodeWords(source: string, exact: Set<string>, prefixes: string[]): Words {
  const words = emptyWords(source);
  for (const match of source.matchAll(WORD)) {
    words.starts[words.count] = match.index;
    words.ends[words.count] = match.index + match[0].length;
    words.hits[words.count] = isHit(foldWord(match[0]), exact, prefixes) ? 1 : 0;
    words.count += 1;
  }
  return words;
}

/**
 * ASCII text (most of it): the same words found by a character loop over the lower-cased text, and
 * only words starting with a query word's first letter compared: several times cheaper on long texts.
 */
function asciiWords(source: string, exact: Set<string>, prefixes: string[]): Words {
  const lower = source.toLowerCase();
  const firsts = new Set([...exact, ...prefixes].map((word) => word.charCodeAt(0)));
  const isWordChar = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  const words = emptyWords(source);
  let index = 0;
  while (index < lower.length) {
    while (index < lower.length && !isWordChar(lower.charCodeAt(index))) index += 1;
    if (index === lower.length) break;
    const start = index;
    while (index < lower.length && isWordChar(lower.charCodeAt(index))) index += 1;
    words.starts[words.count] = start;
    words.ends[words.count] = index;
    words.hits[words.count] =
      firsts.has(lower.charCodeAt(start)) && isHit(lower.slice(start, index), exact, prefixes) ? 1 : 0;
    words.count += 1;
  }
  return words;
}

/**
 * The SNIPPET_WORDS-word stretch of `text` with the most query words, HTML-escaped, with each query
 * word (or prefix* match) wrapped in <mark>…</mark>, and "…" where the text goes on.
 */
export function buildSnippet(text: string, terms: SearchTerm[]): string {
  const source = text.slice(0, SNIPPET_TEXT_LIMIT);
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const term of terms) {
    if (term.exclude) continue;
    term.tokens.forEach((token, index) => {
      if (term.prefix && index === term.tokens.length - 1) prefixes.push(foldWord(token));
      else exact.add(foldWord(token));
    });
  }
  const words = ASCII.test(source)
    ? asciiWords(source, exact, prefixes)
    : unicodeWords(source, exact, prefixes);
  if (words.count === 0) return '';
  // Sliding window: the first start with the most hits.
  let best = 0;
  let bestHits = -1;
  let hits = 0;
  for (let index = 0; index < words.count; index += 1) {
    hits += words.hits[index]!;
    if (index >= SNIPPET_WORDS) hits -= words.hits[index - SNIPPET_WORDS]!;
    const start = Math.max(0, index - SNIPPET_WORDS + 1);
    if (hits > bestHits) {
      bestHits = hits;
      best = start;
    }
  }
  const lastIndex = Math.min(words.count, best + SNIPPET_WORDS) - 1;
  let html = best > 0 ? '…' : '';
  let cursor = words.starts[best]!;
  for (let index = best; index <= lastIndex; index += 1) {
    const start = words.starts[index]!;
    const end = words.ends[index]!;
    html += escapeHtml(source.slice(cursor, start));
    const raw = escapeHtml(source.slice(start, end));
    html += words.hits[index] ? `<mark>${raw}</mark>` : raw;
    cursor = end;
  }
  const lastEnd = words.ends[lastIndex]!;
  const tail = source.slice(lastEnd).match(/^[^\p{L}\p{N}\p{M}]*/u)?.[0] ?? '';
  html += escapeHtml(tail);
  if (lastEnd + tail.length < text.length) html += '…';
  return html.replace(/\s+/g, ' ').trim();
}

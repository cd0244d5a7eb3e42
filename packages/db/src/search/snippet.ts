import { foldText, WORD_CHARACTER } from './fold.js';
import type { SearchTerm } from './query.js';

// Search snippets, built here rather than by each engine (FTS5 snippet() re-runs the query per row;
// ts_headline re-parses the text): the same highlighting on SQLite and PostgreSQL, in linear time.

/** Words in a snippet. */
export const SNIPPET_WORDS = 24;
/** Only the start of a long text is searched for the snippet's window. */
export const SNIPPET_TEXT_LIMIT = 20_000;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** A word takes at least one character and a separator: never more than half the text, plus one. */
const MAX_WORDS = Math.ceil(SNIPPET_TEXT_LIMIT / 2) + 1;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

// The words of the text being highlighted: start and end offsets, and whether each is a query word
// (1) or not (0). Allocated once: buildSnippet runs to completion before it is called again.
const starts = new Int32Array(MAX_WORDS);
const ends = new Int32Array(MAX_WORDS);
const hits = new Uint8Array(MAX_WORDS);

/**
 * Which characters of the Basic Multilingual Plane are word characters, filled as they are met (0 not
 * known yet, 1 a word character, 2 not): a regular expression test per character costs far more.
 */
const BMP_CLASSES = new Uint8Array(0x10000);

/** How many code units the word character at `index` takes (2 outside the BMP), or 0 if none is there. */
function wordCharAt(source: string, index: number): number {
  const code = source.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const point = source.codePointAt(index)!;
    if (point > 0xffff) return WORD_CHARACTER.test(String.fromCodePoint(point)) ? 2 : 0;
  }
  let known = BMP_CLASSES[code]!;
  if (known === 0) {
    known = WORD_CHARACTER.test(String.fromCharCode(code)) ? 1 : 2;
    BMP_CLASSES[code] = known;
  }
  return known === 1 ? 1 : 0;
}

/** The query's words, folded, as a snippet looks for them. */
interface QueryWords {
  exact: Set<string>;
  prefixes: string[];
  /** The first code unit of each: an ASCII word starting with another cannot be one. */
  firsts: Set<number>;
}

function isHit(folded: string, { exact, prefixes }: QueryWords): boolean {
  return exact.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix));
}

/** Whether source[start, end) is a query word: ASCII words (most) need only lower-casing to compare. */
function isQueryWord(source: string, start: number, end: number, ascii: boolean, query: QueryWords): boolean {
  if (!ascii) return isHit(foldText(source.slice(start, end)), query);
  // Lower-cases an ASCII letter and leaves a digit as it is.
  if (!query.firsts.has(source.charCodeAt(start) | 0x20)) return false;
  return isHit(source.slice(start, end).toLowerCase(), query);
}

/** Finds the words of `source` (into starts, ends, hits) and returns how many there are. */
function scanWords(source: string, query: QueryWords): number {
  let count = 0;
  let index = 0;
  while (index < source.length) {
    let width = wordCharAt(source, index);
    if (width === 0) {
      index += 1;
      continue;
    }
    const start = index;
    let ascii = true;
    while (width > 0) {
      if (source.charCodeAt(index) > 0x7f) ascii = false;
      index += width;
      width = index < source.length ? wordCharAt(source, index) : 0;
    }
    starts[count] = start;
    ends[count] = index;
    hits[count] = isQueryWord(source, start, index, ascii, query) ? 1 : 0;
    count += 1;
  }
  return count;
}

/**
 * The SNIPPET_WORDS-word stretch of `text` with the most query words, HTML-escaped, with each query
 * word (or prefix* match) wrapped in <mark>…</mark>, and "…" where the text goes on.
 */
export function buildSnippet(text: string, terms: SearchTerm[]): string {
  const source = text.slice(0, SNIPPET_TEXT_LIMIT);
  const query: QueryWords = { exact: new Set(), prefixes: [], firsts: new Set() };
  for (const term of terms) {
    if (term.exclude) continue;
    term.tokens.forEach((token, index) => {
      const folded = foldText(token);
      if (term.prefix && index === term.tokens.length - 1) query.prefixes.push(folded);
      else query.exact.add(folded);
      query.firsts.add(folded.charCodeAt(0));
    });
  }
  const count = scanWords(source, query);
  if (count === 0) return '';
  // Sliding window: the first start with the most hits.
  let best = 0;
  let bestHits = -1;
  let inWindow = 0;
  for (let index = 0; index < count; index += 1) {
    inWindow += hits[index]!;
    if (index >= SNIPPET_WORDS) inWindow -= hits[index - SNIPPET_WORDS]!;
    if (inWindow > bestHits) {
      bestHits = inWindow;
      best = Math.max(0, index - SNIPPET_WORDS + 1);
    }
  }
  const last = Math.min(count, best + SNIPPET_WORDS) - 1;
  // The text between marks is escaped as a whole, and the window ends with the separator after its
  // last word (up to the next word's start).
  let html = best > 0 ? '…' : '';
  let cursor = starts[best]!;
  for (let index = best; index <= last; index += 1) {
    if (!hits[index]) continue;
    const word = escapeHtml(source.slice(starts[index]!, ends[index]));
    html += `${escapeHtml(source.slice(cursor, starts[index]))}<mark>${word}</mark>`;
    cursor = ends[index]!;
  }
  const end = last + 1 < count ? starts[last + 1]! : source.length;
  html += escapeHtml(source.slice(cursor, end));
  if (end < text.length) html += '…';
  return html.replace(/\s+/g, ' ').trim();
}

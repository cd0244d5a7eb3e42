import type { SearchTerm } from './search-query.js';

// Search snippets, built here rather than by each engine (FTS5 snippet() re-runs the query per row;
// ts_headline re-parses the text): the same highlighting on SQLite and PostgreSQL, in linear time.

/** Words in a snippet. */
export const SNIPPET_WORDS = 24;
/** Only the start of a long text is searched for the snippet's window. */
export const SNIPPET_TEXT_LIMIT = 20_000;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}+/gu;
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[A-Za-z0-9]+/g;
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Case- and accent-insensitive, as both engines' tokenizers compare (near enough). */
export function foldWord(word: string): string {
  // Most words are ASCII: lower-casing is all they need, and far cheaper than normalizing.
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
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
    term.tokens.forEach((token, index) => {
      if (term.prefix && index === term.tokens.length - 1) prefixes.push(foldWord(token));
      else exact.add(foldWord(token));
    });
  }
  // ASCII text (most of it) splits on the ASCII classes, several times faster than Unicode properties.
  const ascii = ASCII.test(source);
  const pattern = ascii ? ASCII_WORD : WORD;
  pattern.lastIndex = 0;
  const words: { start: number; end: number; hit: boolean }[] = [];
  for (let match = pattern.exec(source); match !== null; match = pattern.exec(source)) {
    const folded = ascii ? match[0].toLowerCase() : foldWord(match[0]);
    const hit = exact.has(folded) || prefixes.some((prefix) => folded.startsWith(prefix));
    words.push({ start: match.index, end: match.index + match[0].length, hit });
  }
  if (words.length === 0) return '';
  // Sliding window: the first start with the most hits.
  let best = 0;
  let bestHits = -1;
  let hits = 0;
  for (let index = 0; index < words.length; index += 1) {
    if (words[index]!.hit) hits += 1;
    if (index >= SNIPPET_WORDS && words[index - SNIPPET_WORDS]!.hit) hits -= 1;
    const start = Math.max(0, index - SNIPPET_WORDS + 1);
    if (hits > bestHits) {
      bestHits = hits;
      best = start;
    }
  }
  const window = words.slice(best, best + SNIPPET_WORDS);
  const first = window[0]!;
  const last = window[window.length - 1]!;
  let html = best > 0 ? '…' : '';
  let cursor = first.start;
  for (const word of window) {
    html += escapeHtml(source.slice(cursor, word.start));
    const raw = escapeHtml(source.slice(word.start, word.end));
    html += word.hit ? `<mark>${raw}</mark>` : raw;
    cursor = word.end;
  }
  const tail = source.slice(last.end).match(/^[^\p{L}\p{N}\p{M}]*/u)?.[0] ?? '';
  html += escapeHtml(tail);
  if (last.end + tail.length < text.length) html += '…';
  return html.replace(/\s+/g, ' ').trim();
}

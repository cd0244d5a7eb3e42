import { matchBoilerplatePattern } from './boilerplate-patterns.js';

// Scraped text arrives with the debris of its HTML and of copy-paste: entities, non-breaking and
// zero-width spaces, CR line ends, tabs, lines hard-wrapped at a fixed width. This turns it into
// clean lines, with blank lines kept as paragraph boundaries (an empty string).

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  deg: '°',
  middot: '·',
  bull: '•',
};
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,8}));/giu;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/gu;
const ODD_SPACE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;
const LINE_BREAK = /\r\n?|[\u2028\u2029\u0085\f\v]/gu;
const SENTENCE_END = /[.!?:;"”’)»…。！？]$/u;
/** Outside hard-wrapped text, only a line this long can be continued by the next one. */
const CONTINUED_LINE_MIN_WORDS = 8;

function decodeEntity(match: string, decimal?: string, hex?: string, name?: string): string {
  const codePoint = decimal ? Number(decimal) : hex ? Number.parseInt(hex, 16) : undefined;
  if (codePoint !== undefined) {
    return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match;
  }
  return NAMED_ENTITIES[name!.toLowerCase()] ?? match;
}

/**
 * Lines hard-wrapped at a fixed width are joined back into paragraphs; otherwise a line joins the
 * previous one only when it plainly continues its sentence (mid-clause stop, lower-case start).
 */
function joinWrappedLines(lines: readonly string[]): string[] {
  const inBlock = lines.filter((line, index) => line !== '' && (lines[index + 1] ?? '') !== '');
  const lengths = inBlock.map((line) => line.length).sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const nearWidth = inBlock.filter((line) => line.length >= width * 0.7).length;
  const hardWrapped = width >= 40 && width <= 100 && inBlock.length >= 4 && nearWidth >= inBlock.length * 0.6;
  const joined: string[] = [];
  for (const line of lines) {
    const previous = joined.at(-1);
    const continues =
      previous !== undefined &&
      previous !== '' &&
      line !== '' &&
      (hardWrapped
        ? previous.length >= width * 0.7 || !SENTENCE_END.test(previous)
        : !SENTENCE_END.test(previous) &&
          previous.split(' ').length >= CONTINUED_LINE_MIN_WORDS &&
          /^\p{Ll}/u.test(line) &&
          matchBoilerplatePattern(previous) === null &&
          matchBoilerplatePattern(line) === null);
    if (continues)
      joined[joined.length - 1] = previous.endsWith('-') ? `${previous}${line}` : `${previous} ${line}`;
    else joined.push(line);
  }
  return joined;
}

const SCRIPT_OR_STYLE = /<(script|style|noscript)(?![\p{L}\p{N}])[^>]*>[\s\S]*?<\/\1\s*>/giu;
const HTML_COMMENT = /<!--[\s\S]*?-->/gu;
const BLOCK_TAG =
  /<\/?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|section|article|header|footer|figure|figcaption|tr|table|hr|aside|nav|pre)(?![\p{L}\p{N}])[^<>]*>/giu;
/** Only real HTML elements count as markup, so "<budget>" or "a <b> c" in prose is left alone. */
const ANY_TAG =
  /<\/?(?:a|abbr|b|i|u|s|em|strong|small|sub|sup|span|font|mark|cite|q|code|time|img|picture|source|iframe|video|audio|p|div|br|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|section|article|header|footer|figure|figcaption|table|thead|tbody|tr|td|th|hr|aside|nav|pre|script|style|noscript)(?=[\s/>])[^<>]*>/giu;

/**
 * Scraped "text" that still carries markup (`<p>…</p>`, `<br>`, `<a href>`): block tags become
 * line breaks, other tags vanish, scripts and styles go with their content. Text without tags is
 * returned as it is.
 */
export function stripHtmlTags(text: string): { text: string; stripped: boolean } {
  if (!ANY_TAG.test(text)) return { text, stripped: false };
  ANY_TAG.lastIndex = 0;
  const stripped = text
    .replace(SCRIPT_OR_STYLE, '\n')
    .replace(HTML_COMMENT, '')
    .replace(BLOCK_TAG, '\n')
    .replace(ANY_TAG, '');
  return { text: stripped, stripped: true };
}

/** Clean lines of the text; '' marks a blank line (a paragraph boundary). */
export function cleanLines(text: string): string[] {
  const decoded = text.replace(ENTITY, decodeEntity);
  const lines = decoded
    .normalize('NFC')
    .replace(LINE_BREAK, '\n')
    .replace(INVISIBLE, '')
    .replace(ODD_SPACE, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim());
  const collapsed = lines.filter((line, index) => line !== '' || (index > 0 && lines[index - 1] !== ''));
  return joinWrappedLines(collapsed);
}

import { decodeHTML } from 'entities';
import { DROP_WITH_CONTENT } from './html-policy.js';
import { parseHtml } from './parse-html.js';

/** Elements that start and end a paragraph of text (so their text is never glued to a neighbour). */
const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
  'body',
  'html',
  'listing',
  'menu',
  'legend',
  'option',
]);

/** Cells of a table row: their text is kept on one line, separated by a space. */
const CELL_TAGS: ReadonlySet<string> = new Set(['td', 'th']);

const INVISIBLE_CHARACTERS = /[\u200b\u2060\ufeff\u00ad]/g;
const INVISIBLE_CHARACTER = /[\u200b\u2060\ufeff\u00ad]/;
const WHITESPACE_RUN = /\s+/g;

/** Receives a document's tags and text and builds its readable text (see htmlToText). */
export interface TextCollector {
  onopentag(tag: string): void;
  ontext(text: string): void;
  onclosetag(tag: string): void;
  /** The text so far, block by block. */
  finish(): string;
}

export function createTextCollector(): TextCollector {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let line = '';
  let preDepth = 0;
  let skipDepth = 0;
  let skipTag = '';

  const endLine = () => {
    // (ontext already took the invisible characters out, so collapseWhitespace only collapses.)
    const text = preDepth > 0 ? line.replace(/\s+$/, '') : collapseWhitespace(line);
    if (text) lines.push(text);
    line = '';
  };
  const endParagraph = () => {
    endLine();
    if (lines.length > 0) paragraphs.push(lines.join('\n'));
    lines = [];
  };

  return {
    onopentag(tag) {
      if (skipDepth > 0) {
        if (tag === skipTag) skipDepth++;
        return;
      }
      if (DROP_WITH_CONTENT.has(tag) && tag !== 'form' && tag !== 'iframe') {
        skipDepth = 1;
        skipTag = tag;
        return;
      }
      if (BLOCK_TAGS.has(tag)) endParagraph();
      else if (tag === 'br') endLine();
      else if (CELL_TAGS.has(tag)) line += ' ';
      if (tag === 'pre') preDepth++;
    },
    ontext(text) {
      if (skipDepth > 0) return;
      const clean = INVISIBLE_CHARACTER.test(text) ? text.replace(INVISIBLE_CHARACTERS, '') : text;
      if (preDepth === 0) {
        line += clean;
        return;
      }
      const parts = clean.split(/\r?\n/);
      line += parts[0];
      for (const part of parts.slice(1)) {
        endLine();
        line = part;
      }
    },
    onclosetag(tag) {
      if (skipDepth > 0) {
        if (tag === skipTag) skipDepth--;
        return;
      }
      if (tag === 'pre') {
        endParagraph();
        preDepth = Math.max(0, preDepth - 1);
      } else if (BLOCK_TAGS.has(tag)) endParagraph();
      else if (CELL_TAGS.has(tag)) line += ' ';
    },
    finish() {
      endParagraph();
      return paragraphs.join('\n\n');
    },
  };
}

/** HTML that is only text: no tag, no entity; read without a parser. */
export const HAS_MARKUP = /[<&]/;

/**
 * The readable text of an HTML fragment: each block (paragraph, heading, list item, quote, table
 * row) its own paragraph, blank-line separated, `<br>` a line break; whitespace collapsed outside
 * `<pre>`, entities decoded, scripts and styles skipped.
 */
export function htmlToText(html: string): string {
  if (!html.includes('<')) return collapseWhitespace(HAS_MARKUP.test(html) ? decodeHTML(html) : html);
  const collector = createTextCollector();
  parseHtml(html, collector);
  return collector.finish();
}

const SPACE = 0x20;

/**
 * Whether `text` is already collapsed: no whitespace but single inner spaces, no invisible
 * characters. Most titles, names and categories are, and a scan costs less than a regex replace
 * that builds a new string.
 */
function isCollapsed(text: string): boolean {
  const last = text.length - 1;
  for (let index = 0; index <= last; index++) {
    const code = text.charCodeAt(index);
    if (code > SPACE && code < 0x80) continue;
    if (code === SPACE) {
      if (index === 0 || index === last || text.charCodeAt(index + 1) === SPACE) return false;
      continue;
    }
    // Control characters, and every non-ASCII character that \s or INVISIBLE_CHARACTER matches.
    if (code < SPACE || code === 0x85 || code === 0xa0 || code === 0xad || code === 0x1680) return false;
    if ((code >= 0x2000 && code <= 0x200b) || code === 0x2028 || code === 0x2029) return false;
    if (code === 0x202f || code === 0x205f || code === 0x2060 || code === 0x3000 || code === 0xfeff) {
      return false;
    }
  }
  return true;
}

/** Text on one line: every run of whitespace (line breaks included) becomes one space. */
export function collapseWhitespace(text: string): string {
  if (isCollapsed(text)) return text;
  const visible = INVISIBLE_CHARACTER.test(text) ? text.replace(INVISIBLE_CHARACTERS, '') : text;
  return visible.replace(WHITESPACE_RUN, ' ').trim();
}

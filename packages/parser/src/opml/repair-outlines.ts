import type { OpmlWarning } from './types.js';

// A hand-edited reading list often has an `<outline ...` whose `>` is missing: an XML reader then
// takes the next outline for attributes of the first and drops that feed without a word. This pass
// closes such tags where the next tag starts (`<` cannot occur inside a well-formed tag) and says so.

/** Repairs listed one by one; beyond this, one line counts the rest. */
export const MAX_LISTED_OPML_REPAIRS = 20;

const OUTLINE_START = /<outline(?=[\s/>]|$)/iy;
/** A feed outline closes itself; a folder's children follow it. */
const FEED_ATTRIBUTE = /\s(?:xmlurl|url)\s*=/i;

export interface OutlineRepair {
  /** The text with every outline tag closed. */
  text: string;
  /** `<outline` tags in the text (outside comments and CDATA), for checking that each was read. */
  outlineTags: number;
  warnings: OpmlWarning[];
}

/** Where `<!--` or `<![CDATA[` at `from` ends, or null when no such section starts there. */
function skippedSectionEnd(text: string, from: number): number | null {
  for (const [open, close] of [
    ['<!--', '-->'],
    ['<![CDATA[', ']]>'],
  ] as const) {
    if (text.startsWith(open, from)) {
      const end = text.indexOf(close, from + open.length);
      return end === -1 ? text.length : end + close.length;
    }
  }
  return null;
}

/** Closes every outline tag that runs into the next tag or the end of the text. */
export function repairOutlineTags(text: string): OutlineRepair {
  const parts: string[] = [];
  const warnings: OpmlWarning[] = [];
  let repairs = 0;
  let outlineTags = 0;
  let copied = 0;
  let position = text.indexOf('<');
  while (position !== -1) {
    const sectionEnd = skippedSectionEnd(text, position);
    if (sectionEnd !== null) {
      position = text.indexOf('<', sectionEnd);
      continue;
    }
    OUTLINE_START.lastIndex = position;
    if (!OUTLINE_START.test(text)) {
      position = text.indexOf('<', position + 1);
      continue;
    }
    outlineTags++;
    let quote: string | null = null;
    let cursor = OUTLINE_START.lastIndex;
    for (; cursor < text.length; cursor++) {
      const char = text[cursor]!;
      if (char === '<') break;
      if (quote) {
        if (char === quote) quote = null;
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '>') break;
    }
    if (text[cursor] === '>') {
      position = text.indexOf('<', cursor + 1);
      continue;
    }
    // The tag runs into the next `<` (or the end): close an open value, then the tag.
    const tag = text.slice(position, cursor).trimEnd();
    const closing = `${quote ?? ''}${FEED_ATTRIBUTE.test(tag) ? '/>' : '>'}`;
    parts.push(text.slice(copied, position), tag, closing);
    copied = cursor;
    repairs++;
    if (repairs <= MAX_LISTED_OPML_REPAIRS) {
      const line = text.slice(0, position).split('\n').length;
      warnings.push({
        code: 'UNCLOSED_OUTLINE',
        message: `line ${line}: an <outline> tag was not closed${quote ? ' (nor its quoted value)' : ''}; read it up to ${cursor < text.length ? 'the next tag' : 'the end of the file'}: ${tag.slice(0, 120)}`,
      });
    }
    position = cursor < text.length ? cursor : -1;
  }
  if (repairs > MAX_LISTED_OPML_REPAIRS)
    warnings.push({
      code: 'UNCLOSED_OUTLINE',
      message: `${repairs - MAX_LISTED_OPML_REPAIRS} more unclosed <outline> tags repaired`,
    });
  parts.push(text.slice(copied));
  return { text: parts.join(''), outlineTags, warnings };
}

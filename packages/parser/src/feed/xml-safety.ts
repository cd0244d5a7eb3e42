import { FeedParseError } from '../errors/feed-parse-error.js';
import { MAX_ENTITY_DECLARATIONS, MAX_XML_DEPTH } from './limits.js';
import type { Warnings } from './warnings.js';

const DOCTYPE = /<!DOCTYPE\s[^[>]*(?:\[([\s\S]*?)\])?\s*>/i;
const CHARACTER_REFERENCE = /&#(?:x([0-9a-fA-F]{1,6})|(\d{1,7}));/g;
const ENTITY_DECLARATION =
  /<!ENTITY\s+(%\s+)?([\w.:-]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;

/**
 * Reads the DOCTYPE's internal entity declarations and removes the DOCTYPE: plain text entities are
 * returned for substitution; entities that can expand (billion laughs), parameter entities and too
 * many declarations are refused with UNSAFE_XML; external entities are dropped, never fetched.
 */
export function takeDoctypeEntities(
  text: string,
  rootIndex: number,
  warnings: Warnings,
): { text: string; entities: Map<string, string> } {
  const entities = new Map<string, string>();
  const doctype = DOCTYPE.exec(text);
  if (!doctype || doctype.index > rootIndex) return { text, entities };
  const subset = doctype[1];
  if (subset) {
    let count = 0;
    for (const match of subset.matchAll(ENTITY_DECLARATION)) {
      const [, parameter, name, doubleQuoted, singleQuoted, external] = match;
      if (++count > MAX_ENTITY_DECLARATIONS) {
        throw new FeedParseError(
          'UNSAFE_XML',
          `DOCTYPE declares more than ${MAX_ENTITY_DECLARATIONS} entities`,
        );
      }
      // Character references are expanded where the entity is declared, as XML does.
      const value = (doubleQuoted ?? singleQuoted ?? '').replace(
        CHARACTER_REFERENCE,
        (_, hex: string | undefined, decimal: string | undefined) =>
          String.fromCodePoint(Math.min(hex ? Number.parseInt(hex, 16) : Number(decimal), 0x10ffff)),
      );
      if (parameter || /[&%][A-Za-z_:]/.test(value)) {
        throw new FeedParseError(
          'UNSAFE_XML',
          `Entity ${name} expands other entities (entity bomb); refused`,
        );
      }
      if (external) {
        warnings.add('EXTERNAL_ENTITY', `External entity ${name} ignored (never fetched)`);
        entities.set(name!, '');
        continue;
      }
      entities.set(name!, value);
    }
  }
  return { text: text.slice(0, doctype.index) + text.slice(doctype.index + doctype[0].length), entities };
}

/**
 * How many characters internal entity references may still add to the document. Once spent, the
 * remaining references stay unexpanded (escaped as text) and are counted, so the caller records
 * one warning instead of building a string a hundred times the feed's size.
 */
export class EntityExpansionBudget {
  /** References left unexpanded because the budget was spent. */
  refused = 0;
  private remaining: number;

  constructor(readonly limit: number) {
    this.remaining = limit;
  }

  /** Whether `length` more characters fit; spends them when they do. */
  take(length: number): boolean {
    if (length > this.remaining) {
      this.refused++;
      return false;
    }
    this.remaining -= length;
    return true;
  }
}

/** Where the tag name starting at `start` ends: at whitespace, `/`, `>` or the end. */
function tagNameEnd(text: string, start: number): number {
  let index = start;
  for (;;) {
    const code = text.charCodeAt(index);
    if (Number.isNaN(code) || code === 62 /* > */ || code === 47 /* / */ || code <= 32) return index;
    index++;
  }
}

/** Whether text[aStart, aEnd) and text[bStart, bEnd) are the same name. */
function sameName(text: string, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let offset = 0; offset < aEnd - aStart; offset++) {
    if (text.charCodeAt(aStart + offset) !== text.charCodeAt(bStart + offset)) return false;
  }
  return true;
}

/**
 * Refuses XML nested deeper than MAX_XML_DEPTH before any parser builds it, measuring the depth the
 * document has once balanced (balanceXml) rather than open tags minus close tags, which would refuse
 * a long feed whose items each leave an `<enclosure>` open and let stray close tags hide depth.
 */
export function assertNestingDepth(text: string): void {
  // The open elements' names, as [start, end) positions in `text` (no string per tag); `depth` of
  // them are open.
  const starts = new Int32Array(MAX_XML_DEPTH + 1);
  const ends = new Int32Array(MAX_XML_DEPTH + 1);
  let depth = 0;
  let index = text.indexOf('<');
  while (index >= 0) {
    const next = text.charCodeAt(index + 1);
    if (next === 33 /* ! */) {
      const end = text.startsWith('<![CDATA[', index)
        ? text.indexOf(']]>', index)
        : text.startsWith('<!--', index)
          ? text.indexOf('-->', index)
          : text.indexOf('>', index);
      if (end < 0) return;
      index = text.indexOf('<', end);
      continue;
    }
    if (next === 47 /* / */) {
      const nameStart = index + 2;
      const nameEnd = tagNameEnd(text, nameStart);
      let close = nameEnd;
      while (text.charCodeAt(close) <= 32) close++;
      if (text.charCodeAt(close) === 62 /* > */) {
        for (let open = depth - 1; open >= 0; open--) {
          if (!sameName(text, starts[open]!, ends[open]!, nameStart, nameEnd)) continue;
          depth = open;
          break;
        }
      }
    } else if (next !== 63 /* ? */) {
      const end = text.indexOf('>', index);
      if (end < 0) return;
      if (text.charCodeAt(end - 1) !== 47) {
        if (depth === MAX_XML_DEPTH) {
          throw new FeedParseError('UNSAFE_XML', `XML nested deeper than ${MAX_XML_DEPTH} elements; refused`);
        }
        starts[depth] = index + 1;
        ends[depth] = tagNameEnd(text, index + 1);
        depth++;
      }
    }
    index = text.indexOf('<', index + 1);
  }
}

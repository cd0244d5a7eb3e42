import { FeedParseError } from '../errors/feed-parse-error.js';
import { MAX_ENTITY_DECLARATIONS, MAX_XML_DEPTH } from './limits.js';
import type { Warnings } from './warnings.js';

const DOCTYPE = /<!DOCTYPE\s[^[>]*(?:\[([\s\S]*?)\])?\s*>/i;
const CHARACTER_REFERENCE = /&#(?:x([0-9a-fA-F]{1,6})|(\d{1,7}));/g;
const ENTITY_DECLARATION =
  /<!ENTITY\s+(%\s+)?([\w.:-]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;

/**
 * Reads the DOCTYPE's internal entity declarations and removes the DOCTYPE. Plain text entities are
 * returned for substitution; anything that can expand (an entity that references entities: the
 * billion-laughs bomb), parameter entities and too many declarations are refused with UNSAFE_XML.
 * External entities are never fetched: they are dropped with a warning.
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
 * Refuses XML nested deeper than MAX_XML_DEPTH before any parser builds it. A quick scan: it
 * skips comments, CDATA and declarations and counts open and close tags.
 */
export function assertNestingDepth(text: string): void {
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
    if (next === 47 /* / */) depth--;
    else if (next !== 63 /* ? */) {
      const end = text.indexOf('>', index);
      if (end < 0) return;
      if (text.charCodeAt(end - 1) !== 47) {
        depth++;
        if (depth > MAX_XML_DEPTH) {
          throw new FeedParseError('UNSAFE_XML', `XML nested deeper than ${MAX_XML_DEPTH} elements; refused`);
        }
      }
    }
    index = text.indexOf('<', index + 1);
  }
}

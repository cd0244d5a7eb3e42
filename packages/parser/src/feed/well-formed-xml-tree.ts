import type { XmlElement, XmlNode } from './xml-node.js';
import { closeElement, type OpenElement, setOwn } from './xml-tree-shape.js';

/**
 * The tree buildXmlTree builds, for plainly well-formed XML (ASCII names, quoted attributes, the
 * five predefined entities, character references), read with indexOf and slices instead of sax's
 * character-by-character machine, which is the largest cost and source of garbage in a parse.
 * Whatever it does not recognize with certainty makes it answer null, and the caller parses with
 * sax as before; tests compare the two on every fixture, the corpus and random damage.
 */

const GT = 0x3e; // >
const SLASH = 0x2f; // /
const QUESTION = 0x3f; // ?
const BANG = 0x21; // !
const EQUALS = 0x3d; // =
const SEMICOLON = 0x3b; // ;
const HASH = 0x23; // #
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

/** The whitespace sax skips between tokens (XML's S): space, tab, LF, CR. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** ASCII letters, `_` and `:`: how a name sax accepts may start (sax also accepts non-ASCII). */
function isNameStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f || code === 0x3a;
}

function isNameCharacter(code: number): boolean {
  return isNameStart(code) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x2e;
}

/** Whether a character reference to `code` is one sax accepts (XML's Char production). */
function isXmlCharacter(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);
/** The longest character reference read here (`#x10FFFF`); longer ones go to sax. */
const MAX_REFERENCE_LENGTH = 8;
const HEX_REFERENCE = /^#[xX]([0-9a-fA-F]{1,6})$/;
const DECIMAL_REFERENCE = /^#([0-9]{1,7})$/;

/** The character a reference (between `&` and `;`) stands for, or null when sax would differ. */
function referencedCharacter(reference: string): string | null {
  if (reference.charCodeAt(0) !== HASH) return PREDEFINED_ENTITIES.get(reference) ?? null;
  const hex = HEX_REFERENCE.exec(reference);
  const digits = hex ? hex[1]! : DECIMAL_REFERENCE.exec(reference)?.[1];
  if (digits === undefined) return null;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  return isXmlCharacter(code) ? String.fromCodePoint(code) : null;
}

/**
 * The next occurrence of a character at or after a position that never moves back: one indexOf
 * per occurrence, not one per question, so a document of many short texts stays linear.
 */
class ForwardSearch {
  private found = -2;

  constructor(
    private readonly text: string,
    private readonly character: string,
  ) {}

  /** The first occurrence at or after `from` (never less than the previous `from`), or -1. */
  next(from: number): number {
    if (this.found !== -1 && this.found < from) this.found = this.text.indexOf(this.character, from);
    return this.found;
  }
}

/** Where the reference starting at `ampersand` ends (its `;`), or -1 past MAX_REFERENCE_LENGTH. */
function referenceEnd(xml: string, ampersand: number, end: number): number {
  const last = Math.min(end - 1, ampersand + 1 + MAX_REFERENCE_LENGTH);
  for (let index = ampersand + 1; index <= last; index++)
    if (xml.charCodeAt(index) === SEMICOLON) return index;
  return -1;
}

/**
 * The text of xml[start, end) with its references decoded (`ampersands` finds the `&`s); null
 * when a reference is not one this scanner reads (sax then decides).
 */
function decodeText(xml: string, start: number, end: number, ampersands: ForwardSearch): string | null {
  let ampersand = ampersands.next(start);
  if (ampersand < 0 || ampersand >= end) return xml.slice(start, end);
  let out = '';
  let last = start;
  while (ampersand >= 0 && ampersand < end) {
    const semicolon = referenceEnd(xml, ampersand, end);
    if (semicolon < 0) return null;
    const character = referencedCharacter(xml.slice(ampersand + 1, semicolon));
    if (character === null) return null;
    out += xml.slice(last, ampersand) + character;
    last = semicolon + 1;
    ampersand = ampersands.next(last);
  }
  return out + xml.slice(last, end);
}

function isBlank(xml: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (!isSpace(xml.charCodeAt(index))) return false;
  return true;
}

function skipSpace(xml: string, index: number): number {
  let at = index;
  while (isSpace(xml.charCodeAt(at))) at++;
  return at;
}

function nameEnd(xml: string, start: number): number {
  let at = start;
  while (isNameCharacter(xml.charCodeAt(at))) at++;
  return at;
}

/** Attribute names sax mishandles (it drops `__proto__`, and calls `hasOwnProperty` on the map). */
const UNSAFE_ATTRIBUTE_NAMES: ReadonlySet<string> = new Set(['__proto__', 'hasOwnProperty']);

interface OpenTag {
  open: OpenElement;
  selfClosing: boolean;
  /** Where the document continues after the tag. */
  end: number;
}

/** Reads the start tag at `lt`, or null when sax might read it differently. */
function readOpenTag(xml: string, lt: number, ampersands: ForwardSearch): OpenTag | null {
  const nameStart = lt + 1;
  if (!isNameStart(xml.charCodeAt(nameStart))) return null;
  let at = nameEnd(xml, nameStart + 1);
  const name = xml.slice(nameStart, at);
  // `_` holds an element's text in this tree (buildXmlTree refuses it).
  if (name === '_') return null;
  let attributes: Record<string, string> | undefined;
  for (;;) {
    let code = xml.charCodeAt(at);
    if (code === GT) return openTag(name, attributes, false, at + 1);
    if (code === SLASH) return xml.charCodeAt(at + 1) === GT ? openTag(name, attributes, true, at + 2) : null;
    if (!isSpace(code)) return null;
    at = skipSpace(xml, at);
    code = xml.charCodeAt(at);
    if (code === GT || code === SLASH) continue;
    if (!isNameStart(code)) return null;
    const attributeEnd = nameEnd(xml, at + 1);
    const attribute = xml.slice(at, attributeEnd);
    at = skipSpace(xml, attributeEnd);
    if (xml.charCodeAt(at) !== EQUALS) return null;
    at = skipSpace(xml, at + 1);
    const quote = xml.charCodeAt(at);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) return null;
    const close = xml.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", at + 1);
    if (close < 0) return null;
    const value = decodeText(xml, at + 1, close, ampersands);
    if (value === null || UNSAFE_ATTRIBUTE_NAMES.has(attribute)) return null;
    attributes ??= {};
    if (Object.hasOwn(attributes, attribute)) return null;
    setOwn(attributes, attribute, value);
    at = close + 1;
  }
}

function openTag(
  name: string,
  attributes: Record<string, string> | undefined,
  selfClosing: boolean,
  end: number,
): OpenTag {
  const element: XmlElement = {};
  if (attributes) element.$ = attributes;
  return {
    open: { name, element, text: '', cdata: false, structured: attributes !== undefined },
    selfClosing,
    end,
  };
}

/** Where the markup at `lt` that is not an element (comment, CDATA, PI) ends, or -1 to give up. */
function markupEnd(xml: string, lt: number): number {
  if (xml.charCodeAt(lt + 1) === QUESTION) {
    // sax ends a processing instruction at the first "?>", unless a "?" comes before it.
    const end = xml.indexOf('?>', lt + 2);
    return end >= 0 && xml.indexOf('?', lt + 2) === end ? end + 2 : -1;
  }
  if (xml.startsWith('<!--', lt)) {
    // sax ends a comment at its first "--", which must be followed by ">".
    const end = xml.indexOf('--', lt + 4);
    return end >= 0 && xml.charCodeAt(end + 2) === GT ? end + 3 : -1;
  }
  return -1;
}

export interface XmlRoot {
  name: string;
  element: XmlNode;
}

/**
 * The root element of `xml` as buildXmlTree would build it, or null when this scanner is not sure
 * the document is one sax reads without error (the caller then asks buildXmlTree). What follows the
 * root is ignored, as there.
 */
export function buildWellFormedXmlTree(xml: string): XmlRoot | null {
  const stack: OpenElement[] = [];
  const ampersands = new ForwardSearch(xml, '&');
  let at = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    const lt = xml.indexOf('<', at);
    if (lt < 0) return null;
    const top = stack[stack.length - 1];
    if (lt > at) {
      if (!top) {
        if (!isBlank(xml, at, lt)) return null;
      } else {
        const text = decodeText(xml, at, lt, ampersands);
        if (text === null) return null;
        top.text += text;
      }
    }
    const next = xml.charCodeAt(lt + 1);
    if (next === SLASH) {
      if (!top) return null;
      // `</name>` closing the open element (spaces allowed before the `>`); anything else, sax decides.
      if (!xml.startsWith(top.name, lt + 2)) return null;
      at = skipSpace(xml, lt + 2 + top.name.length);
      if (xml.charCodeAt(at) !== GT) return null;
      at++;
      stack.pop();
      const root = closeElement(top, stack);
      if (root !== null) return { name: top.name, element: root };
    } else if (next === BANG && xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0 || !top) return null;
      // sax reports no CDATA event for an empty section.
      if (end > lt + 9) {
        top.text += xml.slice(lt + 9, end);
        top.cdata = true;
      }
      at = end + 3;
    } else if (next === BANG || next === QUESTION) {
      at = markupEnd(xml, lt);
      if (at < 0) return null;
    } else {
      const tag = readOpenTag(xml, lt, ampersands);
      if (!tag) return null;
      at = tag.end;
      if (!tag.selfClosing) stack.push(tag.open);
      else {
        const root = closeElement(tag.open, stack);
        if (root !== null) return { name: tag.open.name, element: root };
      }
    }
  }
}

import { decodeHTMLStrict } from 'entities';
import type { DetectedFormat } from './detect-format.js';
import type { Warnings } from './warnings.js';
import { assertNestingDepth, type EntityExpansionBudget, takeDoctypeEntities } from './xml-safety.js';

// Characters XML 1.0 forbids anywhere (even escaped in CDATA): C0 controls but tab/LF/CR, U+FFFE/F.
const FORBIDDEN_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// An ampersand that does not start an XML entity or character reference.
const SUSPECT_AMPERSAND =
  /&(?!(?:amp|lt|gt|quot|apos);)(#[xX][0-9a-fA-F]{1,8};|#\d{1,9};|[a-zA-Z][a-zA-Z0-9]{0,31};)?/g;
const CDATA_SECTION = /<!\[CDATA\[[\s\S]*?\]\]>/g;
// Elements that hold text or HTML and which publishers fill with raw, unescaped markup.
// (Only the opening tag: the close is found with indexOf, so unclosed elements cost linear time.)
const TEXT_ELEMENT_OPEN =
  /<((?:atom:)?(?:title|summary|content|subtitle)|description|content:encoded|tagline|itunes:summary)(\s[^>]*?)?(\/?)>/g;
// Inline XHTML: Atom 1.0 type="xhtml", Atom 0.3 type="application/xhtml+xml" or mode="xml".
const XHTML_TYPE = /\b(?:type\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["']|mode\s*=\s*["']xml["'])/;
const ATOM10_XHTML_TYPE = /\btype\s*=\s*["']xhtml["']/;
const XHTML_WRAPPER = /^\s*<(?:[\w-]+:)?div\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?div>\s*$/;

function isXmlCharacter(code: number): boolean {
  return (
    code === 9 ||
    code === 10 ||
    code === 13 ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Applies `repair` to the text outside CDATA sections only. */
function outsideCdata(text: string, repair: (part: string) => string): string {
  if (!text.includes('<![CDATA[')) return repair(text);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(CDATA_SECTION)) {
    out += repair(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + repair(text.slice(last));
}

function toCdata(content: string): string {
  return `<![CDATA[${content.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
}

function wrapElement(
  name: string,
  attributes: string | undefined,
  inner: string,
  warnings: Warnings,
): string | null {
  if (!inner.includes('<') || inner.includes('<![CDATA[')) return null;
  const xhtml = attributes !== undefined && XHTML_TYPE.test(attributes);
  if (!xhtml) warnings.add('XML_REPAIRED', `Unescaped markup inside <${name}> read as HTML`);
  // Atom 1.0 wraps XHTML in a div that is not part of the content (RFC 4287 3.1.1.3); 0.3 does not.
  const unwrapped = ATOM10_XHTML_TYPE.test(attributes ?? '')
    ? (XHTML_WRAPPER.exec(inner)?.[1] ?? inner)
    : inner;
  const html = xhtml ? unwrapped.replace(/<(\/?)[\w-]+:/g, '<$1') : inner;
  const type = xhtml
    ? (attributes ?? '').replace(XHTML_TYPE, (m) => (m.startsWith('mode') ? 'mode="escaped"' : 'type="html"'))
    : (attributes ?? '');
  return `<${name}${type}>${toCdata(html)}</${name}>`;
}

/**
 * Raw markup inside a text element (and Atom XHTML content) becomes CDATA, so its order survives.
 * An element whose close tag does not come before the next element of its name is left alone
 * (the balancing pass deals with it); remembered close positions keep this linear.
 */
function wrapMarkup(text: string, warnings: Warnings): string {
  let out = '';
  let last = 0;
  const knownClose = new Map<string, number>();
  const open = new RegExp(TEXT_ELEMENT_OPEN.source, 'g');
  for (let match = open.exec(text); match; match = open.exec(text)) {
    const [tag, name, attributes, selfClosing] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
    ];
    if (selfClosing) continue;
    const innerStart = match.index + tag.length;
    let close = knownClose.get(name) ?? -2;
    if (close < innerStart) {
      close = text.indexOf(`</${name}`, innerStart);
      knownClose.set(name, close < 0 ? Number.MAX_SAFE_INTEGER : close);
    }
    if (close < 0 || close === Number.MAX_SAFE_INTEGER) continue;
    // No markup inside (the first "<" is the close tag): nothing to wrap, and nothing to search.
    if (text.indexOf('<', innerStart) === close) continue;
    const nextOpen = text.indexOf(`<${name}`, innerStart);
    if (nextOpen >= 0 && nextOpen < close) continue;
    const closeEnd = text.indexOf('>', close);
    if (closeEnd < 0) continue;
    const wrapped = wrapElement(name, attributes, text.slice(innerStart, close), warnings);
    if (wrapped === null) continue;
    out += text.slice(last, match.index) + wrapped;
    last = closeEnd + 1;
    open.lastIndex = last;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** At an ampersand: a predefined entity or a character reference (group 1 hex, group 2 decimal). */
const WELL_FORMED_REFERENCE = /&(?:(?:amp|lt|gt|quot|apos);|#[xX]([0-9a-fA-F]{1,8});|#(\d{1,9});)/y;

/**
 * Whether every ampersand of `part` starts a predefined entity or a reference to an allowed
 * character: then SUSPECT_AMPERSAND has nothing to change, and the common case (feeds full of
 * `&#39;` and `&amp;`) skips a callback per reference.
 */
function hasOnlyWellFormedReferences(part: string): boolean {
  for (let index = part.indexOf('&'); index >= 0; index = part.indexOf('&', index + 1)) {
    WELL_FORMED_REFERENCE.lastIndex = index;
    const match = WELL_FORMED_REFERENCE.exec(part);
    if (!match) return false;
    const [, hex, decimal] = match;
    if (hex === undefined && decimal === undefined) continue;
    const code = hex === undefined ? Number.parseInt(decimal!, 10) : Number.parseInt(hex, 16);
    if (!isXmlCharacter(code)) return false;
  }
  return true;
}

function repairEntities(
  text: string,
  declared: Map<string, string>,
  budget: EntityExpansionBudget,
  warnings: Warnings,
): string {
  return outsideCdata(text, (part) =>
    hasOnlyWellFormedReferences(part)
      ? part
      : part.replace(SUSPECT_AMPERSAND, (match, reference: string | undefined) => {
          if (reference?.startsWith('#')) {
            const code =
              reference[1] === 'x' || reference[1] === 'X'
                ? Number.parseInt(reference.slice(2), 16)
                : Number.parseInt(reference.slice(1), 10);
            if (isXmlCharacter(code)) return match;
            // As HTML does: the character is lost but its place is kept (U+FFFD REPLACEMENT CHARACTER).
            warnings.add(
              'XML_REPAIRED',
              `Character reference &${reference} is not allowed in XML; replaced by U+FFFD`,
            );
            return '&#65533;';
          }
          if (reference) {
            const name = reference.slice(0, -1);
            const value = declared.get(name);
            if (value !== undefined) {
              return budget.take(value.length)
                ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;')
                : `&amp;${reference}`;
            }
            const decoded = decodeHTMLStrict(match);
            if (decoded !== match) {
              warnings.add('XML_REPAIRED', `HTML entity &${reference} replaced by its character`);
              return [...decoded].map((char) => `&#${char.codePointAt(0)};`).join('');
            }
          }
          warnings.add(
            'XML_REPAIRED',
            `Unescaped "&" escaped${reference ? ` (unknown entity &${reference})` : ''}`,
          );
          return `&amp;${reference ?? ''}`;
        }),
  );
}

/**
 * Fixes what strict XML parsers reject but publishers serve (garbage before the root, control
 * characters, HTML entities, bare ampersands, raw HTML in text) and refuses entity bombs and absurd
 * nesting; internal entities expand within `budget`. Each repair adds a warning.
 */
export function repairXml(
  text: string,
  detected: Extract<DetectedFormat, { kind: 'xml' }>,
  budget: EntityExpansionBudget,
  warnings: Warnings,
): string {
  let xml = text;
  if (detected.start > 0) {
    if (xml.slice(0, detected.start).trim()) {
      warnings.add('XML_REPAIRED', `Removed ${detected.start} characters of garbage before the root element`);
    }
    xml = xml.slice(detected.start);
  }
  FORBIDDEN_CHARACTERS.lastIndex = 0;
  if (FORBIDDEN_CHARACTERS.test(xml)) {
    warnings.add('XML_REPAIRED', 'Removed control characters that XML forbids');
    xml = xml.replace(FORBIDDEN_CHARACTERS, '');
  }
  let entities = new Map<string, string>();
  if (xml.includes('<!DOCTYPE') || xml.includes('<!doctype')) {
    ({ text: xml, entities } = takeDoctypeEntities(xml, detected.rootIndex - detected.start, warnings));
  }
  xml = wrapMarkup(xml, warnings);
  if (xml.includes('&')) xml = repairEntities(xml, entities, budget, warnings);
  if (budget.refused > 0) {
    warnings.add(
      'ENTITY_EXPANSION_LIMIT',
      `${budget.refused} entity reference(s) left unexpanded: expanding them would add more than ${budget.limit} characters`,
    );
  }
  assertNestingDepth(xml);
  return xml;
}

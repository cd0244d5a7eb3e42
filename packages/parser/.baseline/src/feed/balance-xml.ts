import type { Warnings } from './warnings.js';

// One token of XML: a CDATA section, comment, processing instruction, DOCTYPE, or a tag (name in
// group 2). Unterminated constructs match to the end, so a truncated document still tokenizes.
const TOKEN =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?[^>]*>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;

// Elements that never have content. Left unclosed (`<enclosure url=…>`), they would swallow the
// rest of their item; so here they close themselves unless their close tag follows at once.
const EMPTY_ELEMENTS = new Set(['enclosure', 'itunes:image', 'media:thumbnail', 'br', 'img', 'hr']);
const LINK_ELEMENT = /^(?:[\w-]+:)?link$/;

function isEmptyElement(name: string, attributes: string | undefined): boolean {
  if (EMPTY_ELEMENTS.has(name.toLowerCase())) return true;
  // An Atom-style link carries its URL in href; an RSS <link> holds it as text.
  return LINK_ELEMENT.test(name) && /\shref\s*=/.test(attributes ?? '');
}

/**
 * The tolerant pass for XML a strict parser rejected: closes tags left open (where their parent
 * closes, or at the end of a truncated document), drops close tags that match nothing, finishes an
 * unterminated CDATA section or comment and drops a half-written last tag. Each fix is a warning.
 */
export function balanceXml(xml: string, warnings: Warnings): string {
  const stack: string[] = [];
  let out = '';
  let last = 0;
  for (const match of xml.matchAll(TOKEN)) {
    const [token, slash, name, attributes, selfClosing] = match;
    out += xml.slice(last, match.index);
    last = match.index + token.length;
    if (!name) {
      if (token.startsWith('<![CDATA[') && !token.endsWith(']]>')) {
        warnings.add('XML_REPAIRED', 'Document ends inside a CDATA section; closed it');
        out += `${token}]]>`;
      } else if (token.startsWith('<!--') && !token.endsWith('-->')) {
        warnings.add('XML_REPAIRED', 'Document ends inside a comment; dropped it');
      } else out += token;
      continue;
    }
    if (selfClosing) {
      out += token;
    } else if (
      !slash &&
      isEmptyElement(name, attributes) &&
      !new RegExp(`^\\s*</${name}\\s*>`).test(xml.slice(last, last + 200))
    ) {
      warnings.add('XML_REPAIRED', `Closed empty element <${name}> left open`);
      out += `${token.slice(0, -1)} />`;
    } else if (!slash) {
      stack.push(name);
      out += token;
    } else {
      const index = stack.lastIndexOf(name);
      if (index < 0) {
        if (!isEmptyElement(name, undefined))
          warnings.add('XML_REPAIRED', `Dropped </${name}> which closes no open element`);
        continue;
      }
      while (stack.length > index + 1) {
        const open = stack.pop()!;
        warnings.add('XML_REPAIRED', `Closed <${open}> left open inside <${name}>`);
        out += `</${open}>`;
      }
      stack.pop();
      out += token;
    }
  }
  let tail = xml.slice(last);
  const partialTag = tail.lastIndexOf('<');
  if (partialTag >= 0) {
    warnings.add('XML_REPAIRED', 'Dropped a tag cut off at the end of the document');
    tail = tail.slice(0, partialTag);
  }
  out += tail;
  if (stack.length > 0) {
    warnings.add('XML_REPAIRED', `Document is truncated; closed ${stack.length} open elements`);
    while (stack.length > 0) out += `</${stack.pop()}>`;
  }
  return out;
}

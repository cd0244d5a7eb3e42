import { collapseWhitespace } from '../html/html-to-text.js';

// Plain text from an article's DOM, one paragraph per block. Readability's textContent glues
// adjacent blocks ("...the end.Next paragraph"); here every block boundary and <br> ends a
// paragraph, and whitespace inside a paragraph collapses to single spaces.

/** Elements whose start and end break the text into a new paragraph. */
export const BLOCK_ELEMENTS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'CAPTION',
  'CENTER',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIR',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HGROUP',
  'HR',
  'LI',
  'MAIN',
  'MENU',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'TD',
  'TFOOT',
  'TH',
  'THEAD',
  'TR',
  'UL',
  'BR',
]);

/** Elements whose text is never prose. */
const SKIPPED_ELEMENTS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'svg',
  'SVG',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** The paragraphs of a DOM subtree, in document order, without empty ones. */
export function blockParagraphs(root: Node): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const paragraph = collapseWhitespace(current);
    if (paragraph) paragraphs.push(paragraph);
    current = '';
  };
  // Iterative: depth is bounded by the guards, but the call stack should not be the limit.
  const stack: Array<Node | 'flush'> = [root];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item === 'flush') {
      flush();
      continue;
    }
    if (item.nodeType === TEXT_NODE) {
      current += item.nodeValue ?? '';
      continue;
    }
    if (item.nodeType !== ELEMENT_NODE) continue;
    const name = item.nodeName;
    if (SKIPPED_ELEMENTS.has(name)) continue;
    const block = BLOCK_ELEMENTS.has(name);
    if (block) {
      flush();
      stack.push('flush');
    }
    const children = item.childNodes;
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  flush();
  return paragraphs;
}

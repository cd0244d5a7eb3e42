import type { CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { collapseWhitespace } from '../html/html-to-text.js';
import { proseLength, textOf, walkElements } from './page-walk.js';

/** Blocks shorter than this do not count towards a container's density. */
const MIN_BLOCK_CHARS = 40;
const PARAGRAPH_LIKE = new Set(['p', 'blockquote', 'pre', 'h2', 'h3', 'h4', 'li']);

/**
 * The simple extraction used when a page is too large or too deep for jsdom and Readability:
 * the container whose direct children hold the most prose, read paragraph by paragraph. Linear
 * in the page size and free of recursion.
 */
export function densestBlockParagraphs($: CheerioAPI): string[] {
  const scores = new Map<Element, number>();
  const blocks = new Map<Element, Element[]>();
  walkElements($('body')[0] ?? $.root()[0]!, (element) => {
    const parent = element.parent;
    if (parent?.type !== 'tag') return true;
    const paragraphLike = PARAGRAPH_LIKE.has(element.name);
    const length = paragraphLike ? proseLength(element) : directTextLength(element);
    if (length < MIN_BLOCK_CHARS) return true;
    scores.set(parent, (scores.get(parent) ?? 0) + length);
    const siblings = blocks.get(parent);
    if (siblings) siblings.push(element);
    else blocks.set(parent, [element]);
    return !paragraphLike;
  });
  let best: Element | null = null;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  if (!best) return [];
  return (blocks.get(best) ?? [])
    .map((block) => collapseWhitespace(PARAGRAPH_LIKE.has(block.name) ? textOf(block) : directText(block)))
    .filter(Boolean);
}

function directText(element: Element): string {
  return element.children.map((child) => (child.type === 'text' ? child.data : '')).join('');
}

function directTextLength(element: Element): number {
  return collapseWhitespace(directText(element)).length;
}

import { collapseWhitespace } from '../html/html-to-text.js';
import { matchBoilerplatePattern } from '../text/boilerplate-patterns.js';
import { parseByline } from '../text/byline.js';
import { lineEvidence, STRUCTURAL_REASONS } from '../text/line-evidence.js';
import { BLOCK_ELEMENTS } from './block-text.js';
import {
  AUTHOR_OR_TAGS_CLASS,
  BOILERPLATE_BLOCKS,
  CAPTION_CLASS,
  MAX_BOILERPLATE_BLOCK_CHARS,
  RECIRCULATION_HEADINGS,
  STORY_POINTER,
  TRAILING_CREDIT,
} from './boilerplate-patterns.js';
import { undeclaredBlocks } from './declared-body.js';
import { DEFAULT_EXTRACTION_TUNING, type ExtractionTuning } from './extraction-tuning.js';

/** A link block shorter than this is a source credit ("[Reuters]"), not a headline. */
const HEADLINE_MIN_WORDS = 4;
/** Blocks at least this long, and not link lists, are article prose when judging the tail. */
const PROSE_BLOCK_CHARS = 250;
/** Shorter blocks are prose when they are a whole sentence of at least this many words. */
const PROSE_SENTENCE_MIN_WORDS = 12;
/** An <article> shorter than this (characters) is not trusted to be the whole story. */
const MIN_MAIN_ARTICLE_CHARS = 500;
/** Byline blocks are at most this long. */
const MAX_BYLINE_BLOCK_CHARS = 120;
/** A block this short that holds a <time> element is a dateline, not prose. */
const MAX_DATELINE_CHARS = 80;
/** Caption and credit elements longer than this are kept: they hold article text. */
const MAX_CAPTION_CHARS = 400;

const textOf = (element: Element) => collapseWhitespace(element.textContent ?? '');

function linkDensity(element: Element, textLength: number): number {
  if (textLength === 0) return 0;
  let linked = 0;
  for (const link of element.querySelectorAll('a'))
    linked += collapseWhitespace(link.textContent ?? '').length;
  return linked / textLength;
}

function hasBlockChild(element: Element): boolean {
  for (const child of element.children)
    if (BLOCK_ELEMENTS.has(child.nodeName) && child.nodeName !== 'BR') return true;
  return false;
}

function classNames(element: Element): string {
  return `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`;
}

/** Drops an element, recording its text in `removed` when it had any. */
function drop(element: Element, removed: string[]): void {
  const text = textOf(element);
  if (text) removed.push(text);
  element.remove();
}

function dropCaptions(root: Element, removed: string[]): void {
  for (const element of root.querySelectorAll('figcaption, [class], [id]')) {
    if (!root.contains(element)) continue;
    const named =
      element.nodeName === 'FIGCAPTION' ||
      CAPTION_CLASS.test(classNames(element)) ||
      AUTHOR_OR_TAGS_CLASS.test(classNames(element));
    if (named && textOf(element).length <= MAX_CAPTION_CHARS) drop(element, removed);
  }
}

function isLinkList(element: Element, tuning: ExtractionTuning): boolean {
  const items = element.querySelectorAll(':scope > li');
  if (items.length < 2) return false;
  const text = textOf(element);
  return linkDensity(element, text.length) >= tuning.linkListMinDensity;
}

/** Characters in a subtree's blocks of real prose (long leaf blocks that are not lists of links). */
function proseBlockChars(element: Element): number {
  let total = 0;
  for (const block of [element, ...element.querySelectorAll('p, div, li, blockquote, td, pre')]) {
    if (hasBlockChild(block)) continue;
    const length = textOf(block).length;
    if (length >= PROSE_BLOCK_CHARS && linkDensity(block, length) < 0.5) total += length;
  }
  return total;
}

/**
 * When Readability's choice holds an <article> that dwarfs every other one, that element is the
 * story: other <article>s are teasers, and whatever sits around it with little real prose (author
 * boxes, "more stories" rivers, sign-up calls) goes too.
 */
function keepMainArticle(root: Element, removed: string[], tuning: ExtractionTuning): void {
  const articles = [...root.querySelectorAll('article')];
  if (articles.length === 0) return;
  const sized = articles
    .map((article) => ({ article, length: textOf(article).length }))
    .sort((a, b) => b.length - a.length);
  const main = sized[0]!;
  if (main.length < MIN_MAIN_ARTICLE_CHARS) return;
  const rival = sized.find(
    (entry) => !entry.article.contains(main.article) && !main.article.contains(entry.article),
  );
  if (rival && main.length < rival.length * tuning.mainArticleDominance) return;
  for (let node: Element = main.article; node !== root && node.parentElement; node = node.parentElement) {
    for (const sibling of [...node.parentElement.children]) {
      if (sibling !== node && proseBlockChars(sibling) < main.length * tuning.siblingMinProseShare)
        drop(sibling, removed);
    }
  }
}

/** The headline repeated at the top of the body (Readability only catches it in Latin script). */
function dropTitleHeading(root: Element, title: string | null | undefined, removed: string[]): void {
  if (!title) return;
  const wanted = comparable(title);
  const heading = root.querySelector('h1, h2');
  if (heading && comparable(heading.textContent ?? '') === wanted) drop(heading, removed);
}

const comparable = (text: string) =>
  collapseWhitespace(text)
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, '');

/** Blocks whose short text is data (a table cell, a list item, code), not furniture. */
const DATA_BLOCKS = new Set(['TD', 'TH', 'LI', 'DT', 'DD', 'PRE', 'CAPTION']);
/**
 * The shapes of furniture that hold inside an article body. A lone URL or a symbol-only line is
 * furniture in scraped text, where the link around it is lost, but in a page's body it is the
 * author's reference or separator (link blocks are judged by link density instead).
 */
const BODY_SHAPE_REASONS: ReadonlySet<string> = new Set(['breadcrumb', 'nav-list']);

/**
 * normalizeScrapedText's line-level evidence applied to one block: the shared boilerplate patterns,
 * each bounded in words so prose that mentions them stays, and furniture shapes (breadcrumbs,
 * menus), which count only for a block that is not a sentence, table cell or list item.
 */
function isFurnitureLine(text: string, element: Element): boolean {
  const evidence = lineEvidence(text);
  const reason = evidence.boilerplate;
  if (reason === null) return false;
  if (!STRUCTURAL_REASONS.has(reason)) return true;
  return BODY_SHAPE_REASONS.has(reason) && !evidence.prose && !DATA_BLOCKS.has(element.nodeName);
}

function isBoilerplateBlock(text: string, element: Element, tuning: ExtractionTuning): boolean {
  if (text.length > MAX_BOILERPLATE_BLOCK_CHARS) return false;
  // A dateline: a short block built around a <time> element.
  if (text.length <= MAX_DATELINE_CHARS && element.querySelector('time')) return true;
  if (isFurnitureLine(text, element) || BOILERPLATE_BLOCKS.some((pattern) => pattern.test(text))) return true;
  if (TRAILING_CREDIT.test(text)) return true;
  // A byline line ("By Jane Doe - 11/18/19 11:04 PM EST"): metadata, not prose.
  if (text.length <= MAX_BYLINE_BLOCK_CHARS && parseByline(text) !== null) return true;
  const density = linkDensity(element, text.length);
  if (STORY_POINTER.test(text) && density >= 0.5) return true;
  // A block that is all link and no sentence is a headline pointing to another story.
  return (
    density >= tuning.headlineLinkDensity &&
    text.split(' ').length >= HEADLINE_MIN_WORDS &&
    element.nodeName !== 'LI' &&
    element.nodeName !== 'TD' &&
    !/[.!?:;]["”’)]?$/.test(text)
  );
}

/** The leaf blocks of the article: elements holding text directly, with no block inside. */
function leafBlocks(root: Element): Element[] {
  const blocks: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (!BLOCK_ELEMENTS.has(element.nodeName) || element.nodeName === 'BR') continue;
    if (!hasBlockChild(element)) blocks.push(element);
  }
  return blocks;
}

function isRecirculationHeading(text: string): boolean {
  if (text.length > 80) return false;
  return (
    matchBoilerplatePattern(text) === 'related-list' ||
    RECIRCULATION_HEADINGS.some((pattern) => pattern.test(text))
  );
}

/**
 * A block of article prose: long and not a link list, or a whole sentence of some length without
 * links (tabloids write one-sentence paragraphs, teasers rarely end in a full stop).
 */
function isProseBlock(block: Element, text: string): boolean {
  const density = linkDensity(block, text.length);
  if (text.length >= PROSE_BLOCK_CHARS) return density < 0.5;
  return density < 0.2 && text.split(' ').length >= PROSE_SENTENCE_MIN_WORDS && /[.!?]["”’)]?$/.test(text);
}

/** Removes a recirculation heading, the link blocks under it, and in the tail all that follows. */
function dropRecirculation(
  root: Element,
  blocks: Element[],
  texts: string[],
  removed: string[],
  tuning: ExtractionTuning,
): void {
  // Teasers under the heading are link-dense or headline-like: only prose counts as article.
  const prose = blocks.map((block, index) => (isProseBlock(block, texts[index]!) ? texts[index]!.length : 0));
  const total = texts.reduce((sum, text) => sum + text.length, 0);
  let seen = 0;
  for (let index = 0; index < blocks.length; index++) {
    const text = texts[index]!;
    seen += text.length;
    if (!isRecirculationHeading(text)) continue;
    const proseAfter = prose.slice(index + 1).reduce((sum, length) => sum + length, 0);
    const inTail = proseAfter <= Math.max(total, 1) * tuning.tailShare && proseAfter <= seen;
    drop(blocks[index]!, removed);
    for (let next = index + 1; next < blocks.length; next++) {
      const block = blocks[next]!;
      const nextText = texts[next]!;
      if (!root.contains(block)) continue;
      // Past the heading come teasers. Outside the tail the first non-link block ends them; in the
      // tail, only prose does (a "Don't miss" box inside a tabloid story is followed by more story).
      if (inTail ? prose[next]! > 0 : linkDensity(block, nextText.length) < 0.5) break;
      drop(block, removed);
      index = next;
    }
  }
}

/**
 * Cleans Readability's chosen subtree in place: captions and credits, author boxes and tag
 * lists, lists of links to other stories, ad labels and share prompts, the recirculation block
 * at the end. Every dropped text goes to `removed`, in document order.
 */
export function postcleanContent(
  root: Element,
  removed: string[],
  context: { title?: string | null; tuning?: ExtractionTuning; declaredBody?: string | null } = {},
): void {
  const tuning = context.tuning ?? DEFAULT_EXTRACTION_TUNING;
  keepMainArticle(root, removed, tuning);
  dropCaptions(root, removed);
  dropTitleHeading(root, context.title, removed);
  for (const list of root.querySelectorAll('ul, ol'))
    if (root.contains(list) && isLinkList(list, tuning)) drop(list, removed);
  const blocks = leafBlocks(root);
  const texts = blocks.map(textOf);
  const kept: Element[] = [];
  const keptTexts: string[] = [];
  blocks.forEach((block, index) => {
    const text = texts[index]!;
    // Recirculation headings stay for dropRecirculation, which also removes what follows them.
    if (!isRecirculationHeading(text) && isBoilerplateBlock(text, block, tuning)) drop(block, removed);
    else {
      kept.push(block);
      keptTexts.push(text);
    }
  });
  dropRecirculation(root, kept, keptTexts, removed, tuning);
  dropUndeclared(root, kept, keptTexts, context.declaredBody ?? null, removed);
}

/** Drops the blocks the page's JSON-LD articleBody leaves out, when that body is trusted. */
function dropUndeclared(
  root: Element,
  blocks: Element[],
  texts: string[],
  declared: string | null,
  removed: string[],
): void {
  const connected = blocks.flatMap((block, index) =>
    root.contains(block) ? [{ block, text: texts[index]! }] : [],
  );
  const undeclared = undeclaredBlocks(
    connected.map((entry) => entry.text),
    declared,
  );
  if (!undeclared) return;
  connected.forEach((entry, index) => {
    if (undeclared[index]) drop(entry.block, removed);
  });
}

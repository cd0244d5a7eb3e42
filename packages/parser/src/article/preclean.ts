import type { CheerioAPI } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { classWordMatcher } from './class-words.js';
import { isContactList } from './contact-lists.js';
import {
  COMPONENT_CLASS_WORDS,
  DISCARD_CLASS_WORDS,
  DISCARD_LANDMARKS,
  DISCARD_ROLES,
  DISCARD_TAGS,
  EMBED_CLASS_WORDS,
  HIDDEN_STYLE,
  KEPT_ATTRIBUTES,
} from './discard-lists.js';
import { DEFAULT_EXTRACTION_TUNING, type ExtractionTuning } from './extraction-tuning.js';
import { type PageShape, proseLength, walkElements } from './page-walk.js';
import type { SiteRule } from './site-rules.js';

const escapeRegExp = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const { hidden: HIDDEN_CLASS_WORDS, ...BOILERPLATE_GROUPS } = DISCARD_CLASS_WORDS;

const matchesBoilerplate = classWordMatcher(Object.values(BOILERPLATE_GROUPS).flat(), COMPONENT_CLASS_WORDS);
// "hidden" only as a whole token: Bootstrap's "hidden-xs" is visible on a desktop.
const HIDDEN_CLASS = new RegExp(
  `(?:^|\\s)(?:${HIDDEN_CLASS_WORDS.map(escapeRegExp).join('|')})(?=$|\\s)`,
  'i',
);

// Embedded posts (tweets, Instagram) quoted by the article sit in "social-embed" wrappers.
const EMBED_CLASS = new RegExp(
  `(?:^|[\\s_-])(?:${EMBED_CLASS_WORDS.map(escapeRegExp).join('|')})(?=$|[\\s_-])`,
  'i',
);

const DISCARD_TAG_SET = new Set<string>(DISCARD_TAGS);
const LANDMARK_SET = new Set<string>(DISCARD_LANDMARKS);
const ROLE_SET = new Set<string>(DISCARD_ROLES);
// Structural elements whose class names we trust; a class on <p> or <span> is decoration.
const NEVER_BY_CLASS = new Set([
  'html',
  'body',
  'main',
  'article',
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'b',
  'i',
  'em',
  'strong',
  'span',
  'br',
  'img',
  'picture',
  'figure',
  'li',
  'tr',
  'td',
  'th',
  'tbody',
  'blockquote',
]);

export interface PrecleanResult extends PageShape {
  /** How many elements were dropped, by reason (for warnings and the benchmark). */
  dropped: number;
}

/**
 * A block named like furniture is still kept when it holds a large share of the page's prose: a
 * body wrapper named "post has-share-bar", or a Blogger post inside a "widget Blog".
 */
function holdsArticleText(element: Element, page: PageProse): boolean {
  const prose = proseLength(element);
  return (
    prose >= page.tuning.keepContainerMinProse && prose >= page.prose * page.tuning.keepContainerMinShare
  );
}

/** The page's prose and the thresholds the keep-guard compares a block's prose with. */
interface PageProse {
  prose: number;
  tuning: ExtractionTuning;
}

function isBoilerplate(element: Element, page: PageProse): boolean {
  const name = element.name;
  if (DISCARD_TAG_SET.has(name)) return true;
  const attribs = element.attribs;
  if ('hidden' in attribs || attribs['aria-hidden'] === 'true') return !holdsArticleText(element, page);
  const style = attribs.style;
  if (style && HIDDEN_STYLE.test(style)) return true;
  const role = attribs.role;
  const landmark = LANDMARK_SET.has(name) || (role !== undefined && ROLE_SET.has(role));
  if (landmark) return !holdsArticleText(element, page);
  if (isContactList(element)) return true;
  if (NEVER_BY_CLASS.has(name)) return false;
  const names = `${attribs.class ?? ''} ${attribs.id ?? ''}`;
  if (names.length <= 1) return false;
  // A print-only or screen-reader wrapper around the whole story still holds the story.
  if (HIDDEN_CLASS.test(names)) return !holdsArticleText(element, page);
  return matchesBoilerplate(names) && !EMBED_CLASS.test(names) && !holdsArticleText(element, page);
}

/**
 * Drops page furniture (the discard lists, then the site rule's selectors) in one pass over the
 * tree, and measures the page's size on the way for the guards.
 */
export function precleanPage(
  $: CheerioAPI,
  siteRule: SiteRule | null,
  tuning: ExtractionTuning = DEFAULT_EXTRACTION_TUNING,
): PrecleanResult {
  let dropped = 0;
  if (siteRule?.remove?.length) {
    const selected = $(siteRule.remove.join(','));
    dropped += selected.length;
    selected.remove();
  }
  const comments: AnyNode[] = [];
  const page = { prose: proseLength($('body')[0] ?? $.root()[0]!), tuning };
  const shape = walkElements($.root()[0]!, (element) => {
    if (element.name === 'head') return false;
    if (!isBoilerplate(element, page)) {
      for (const name of Object.keys(element.attribs))
        if (!KEPT_ATTRIBUTES.has(name)) delete element.attribs[name];
      // Readability scores "social-media-embed" as furniture ("media") and prunes link-heavy divs:
      // an embedded post becomes a neutrally named <figure>, which it leaves alone.
      const names = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`;
      if (names.length > 1 && EMBED_CLASS.test(names)) {
        element.attribs.class = 'embed';
        delete element.attribs.id;
        if (element.name === 'div') element.name = 'figure';
      }
      for (const child of element.children) if (child.type === 'comment') comments.push(child);
      return true;
    }
    $(element).remove();
    dropped++;
    return false;
  });
  // Comments cost jsdom a node each and never hold article text.
  $(comments).remove();
  return { ...shape, dropped };
}

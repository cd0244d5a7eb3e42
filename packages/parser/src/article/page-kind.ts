import type { CheerioAPI } from 'cheerio/slim';
import { collapseWhitespace } from '../html/html-to-text.js';
import type { PageMetadata } from './metadata/page-metadata.js';
import { firstText, textOf } from './page-walk.js';
import type { ArticleWarning } from './types.js';

/** Why a page has no article; extractArticle answers null for these. */
export type NonArticleKind = 'error-page' | 'login-wall' | 'home-page';

/** Titles and headings of error pages. */
export const ERROR_PAGE_TITLE =
  /\b(?:404|410|500|502|503)\b.{0,40}\b(?:not found|error|gone|unavailable)\b|\b(?:page|article|content|file) (?:not found|(?:could|can)(?:not|'t) be found|no longer (?:exists|available))\b|\bnot found\b.{0,20}\b404\b|^(?:error|oops|access denied|forbidden|service unavailable)\b/i;
/** Prompts of login walls: what a wall says instead of the story ("sign in to continue reading"). */
export const LOGIN_WALL_TEXT =
  /\b(?:sign|log) ?in (?:to|or subscribe to) (?:continue|read|view|access|keep reading)\b|\bsubscribe (?:now )?to (?:continue|keep) reading\b|\bthis (?:content|article) is (?:only )?(?:available|reserved) (?:to|for) (?:subscribers|members)\b/i;
/** An article page has at least this much prose (characters) outside its forms. */
export const WALL_MAX_PROSE_CHARS = 1_200;
/** A page whose title says "error" with less prose than this (characters) is an error page. */
export const ERROR_MAX_PROSE_CHARS = 2_000;
/** A site root is an index of stories when it shows at least this many headings that are links. */
export const HOME_MIN_LINKED_HEADINGS = 3;

/** What the classification looks at, gathered around the cleaning pass. */
export interface PageSignals {
  url: string;
  metadata: PageMetadata;
  /** <title> and first <h1>, read before cleaning. */
  heading: string;
  /** The page has a password field (read before cleaning drops form controls). */
  hasPasswordField: boolean;
  /** Visible text of the cleaned page, outside forms. */
  cleanedText: string;
  /** Prose characters of the cleaned page outside forms (see proseLength). */
  proseChars: number;
  /** Headings of the cleaned page whose text is a link: the teasers of an index page. */
  linkedHeadings: number;
}

/** <title> and first <h1> of a page, for the error-page test. */
export function pageHeading($: CheerioAPI): string {
  return collapseWhitespace(`${firstText($('title'))} | ${firstText($('h1'))}`);
}

/** Headings that are (almost) all link: a story index lists its stories this way. */
export function linkedHeadingCount($: CheerioAPI): number {
  let count = 0;
  $('h1, h2, h3, h4').each((_, heading) => {
    const text = collapseWhitespace(textOf(heading)).length;
    let linked = 0;
    for (const link of $(heading).find('a[href]')) linked += collapseWhitespace(textOf(link)).length;
    if (text > 0 && linked >= text * 0.8) count++;
  });
  return count;
}

/**
 * Classifies a page with no article, only on evidence a real article would not show: an error page,
 * a login wall (a sign-in prompt, little prose outside forms), a home page (site root, stories under
 * linked headings). A password field or a root URL alone is not evidence: articles have those too.
 */
export function nonArticleKind(signals: PageSignals): NonArticleKind | null {
  const { proseChars } = signals;
  if (proseChars < ERROR_MAX_PROSE_CHARS && ERROR_PAGE_TITLE.test(signals.heading)) return 'error-page';
  if (proseChars < WALL_MAX_PROSE_CHARS && LOGIN_WALL_TEXT.test(signals.cleanedText)) return 'login-wall';
  if (looksUndeclaredRoot(signals) && signals.linkedHeadings >= HOME_MIN_LINKED_HEADINGS) return 'home-page';
  return null;
}

/**
 * The doubts that do not justify "no article": the page is still extracted, and these warnings
 * tell the caller it may be a login wall or a home page.
 */
export function pageKindDoubts(signals: PageSignals): ArticleWarning[] {
  const doubts: ArticleWarning[] = [];
  if (signals.hasPasswordField && signals.proseChars < WALL_MAX_PROSE_CHARS)
    doubts.push({
      code: 'POSSIBLE_LOGIN_WALL',
      message: `A password field and only ${signals.proseChars} characters of prose: the text may be a teaser`,
    });
  if (looksUndeclaredRoot(signals))
    doubts.push({
      code: 'POSSIBLE_HOME_PAGE',
      message: 'The address is a site root and the page declares no article',
    });
  return doubts;
}

function looksUndeclaredRoot({ url, metadata }: PageSignals): boolean {
  return isSiteRoot(url) && !metadata.declaresArticle && metadata.ogType !== 'article';
}

function isSiteRoot(url: string): boolean {
  try {
    const { pathname, search } = new URL(url);
    return /^\/(?:index\.\w+)?$/.test(pathname) && search === '';
  } catch {
    return false;
  }
}

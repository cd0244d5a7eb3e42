import type { CheerioAPI } from 'cheerio/slim';
import { collapseWhitespace } from '../html/html-to-text.js';
import { firstText } from './page-walk.js';
import type { PageMetadata } from './metadata/page-metadata.js';

/** Why a page has no article; extractArticle answers null for these. */
export type NonArticleKind = 'error-page' | 'login-wall' | 'home-page';

/** Titles and headings of error pages. */
export const ERROR_PAGE_TITLE =
  /\b(?:404|410|500|502|503)\b.{0,40}\b(?:not found|error|gone|unavailable)\b|\b(?:page|article|content|file) (?:not found|(?:could|can)(?:not|'t) be found|no longer (?:exists|available))\b|\bnot found\b.{0,20}\b404\b|^(?:error|oops|access denied|forbidden|service unavailable)\b/i;
/** Prompts of login walls. */
export const LOGIN_WALL_TEXT =
  /\b(?:sign|log) ?in (?:to|or subscribe to) (?:continue|read|view|access|keep reading)\b|\bsubscribe (?:now )?to (?:continue|keep) reading\b|\bthis (?:content|article) is (?:only )?(?:available|reserved) (?:to|for) (?:subscribers|members)\b|\bplease (?:sign|log) ?in\b/i;
/** An article page has at least this much prose (characters) outside a login form. */
const WALL_MAX_PROSE_CHARS = 1_200;
const ERROR_MAX_PROSE_CHARS = 2_000;

/** What the classification looks at, gathered around the cleaning pass. */
export interface PageSignals {
  url: string;
  metadata: PageMetadata;
  /** <title> and first <h1>, read before cleaning. */
  heading: string;
  /** The page has a password field (read before cleaning drops form controls). */
  hasPasswordField: boolean;
  /** Visible text of the cleaned page. */
  cleanedText: string;
  /** Prose characters of the cleaned page (see proseLength). */
  proseChars: number;
}

/** <title> and first <h1> of a page, for the error-page test. */
export function pageHeading($: CheerioAPI): string {
  return collapseWhitespace(`${firstText($('title'))} | ${firstText($('h1'))}`);
}

/**
 * Classifies a page that has no article: an error page (by its title and heading, when little
 * text backs them), a login wall (a password field or sign-in prompt with little text), a home
 * page (the site's root path with nothing declaring an article).
 */
export function nonArticleKind(signals: PageSignals): NonArticleKind | null {
  const { proseChars } = signals;
  if (proseChars < ERROR_MAX_PROSE_CHARS && ERROR_PAGE_TITLE.test(signals.heading)) return 'error-page';
  if (
    proseChars < WALL_MAX_PROSE_CHARS &&
    (signals.hasPasswordField || LOGIN_WALL_TEXT.test(signals.cleanedText))
  ) {
    return 'login-wall';
  }
  const { metadata } = signals;
  if (isSiteRoot(signals.url) && !metadata.declaresArticle && metadata.ogType !== 'article')
    return 'home-page';
  return null;
}

function isSiteRoot(url: string): boolean {
  try {
    const { pathname, search } = new URL(url);
    return /^\/(?:index\.\w+)?$/.test(pathname) && search === '';
  } catch {
    return false;
  }
}

import type { ExtractionTuning } from './extraction-tuning.js';
import type { SiteRule } from './site-rules.js';

/** Elements (after parsing, before cleaning) above which a page skips jsdom and Readability. */
export const DEFAULT_MAX_ELEMENTS = 60_000;
/** Nesting depth above which a page skips jsdom and Readability (both recurse on some paths). */
export const DEFAULT_MAX_DEPTH = 400;
/**
 * Milliseconds a page may spend. Checked between stages (a synchronous stage is never
 * interrupted: the element, depth and size caps are what bound each one): spent before
 * Readability, the simpler extraction answers; spent before the metadata, only <head> is read.
 */
export const DEFAULT_TIME_BUDGET_MS = 3_000;
/**
 * Characters of cleaned HTML above which a page skips jsdom and Readability (whose memory grows
 * with the page) for the simpler extraction.
 */
export const DEFAULT_MAX_READABILITY_CHARS = 500_000;
/**
 * Readability's cost on the cleaned page (every text character times its depth: see textDepthCost)
 * above which the simpler extraction answers: a long text nested hundreds deep takes minutes.
 */
export const DEFAULT_MAX_READABILITY_COST = 2_000_000;
/** Characters of article text kept; paragraphs past it are dropped with a TEXT_TRUNCATED warning. */
export const DEFAULT_MAX_TEXT_CHARS = 500_000;
/** Fewer words than this in the extracted body: the page has no article. */
export const MIN_ARTICLE_WORDS = 30;

export interface ExtractArticleOptions {
  /** The page's address: base for relative links, source of the URL date and the site rule. */
  url: string;
  /** The HTTP Content-Type header, whose charset decides how bytes are decoded. */
  contentType?: string;
  /** Element-count cap; default DEFAULT_MAX_ELEMENTS. */
  maxElements?: number;
  /** Nesting-depth cap; default DEFAULT_MAX_DEPTH. */
  maxDepth?: number;
  /** Time budget in milliseconds; default DEFAULT_TIME_BUDGET_MS. */
  timeBudgetMs?: number;
  /** Cleaned-HTML size cap for Readability; default DEFAULT_MAX_READABILITY_CHARS. */
  maxReadabilityChars?: number;
  /** Readability cost cap (text characters times depth); default DEFAULT_MAX_READABILITY_COST. */
  maxReadabilityCost?: number;
  /** Article text cap; default DEFAULT_MAX_TEXT_CHARS. */
  maxTextChars?: number;
  /** Per-site rules to use instead of the built-in SITE_RULES. */
  siteRules?: readonly SiteRule[];
  /** Overrides of the cleaning thresholds; default DEFAULT_EXTRACTION_TUNING (for benchmarks). */
  tuning?: Partial<ExtractionTuning>;
}

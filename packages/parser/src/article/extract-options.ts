import type { ExtractionTuning } from './extraction-tuning.js';
import type { SiteRule } from './site-rules.js';

/** Elements (after parsing, before cleaning) above which a page skips jsdom and Readability. */
export const DEFAULT_MAX_ELEMENTS = 60_000;
/** Nesting depth above which a page skips jsdom and Readability (both recurse on some paths). */
export const DEFAULT_MAX_DEPTH = 400;
/**
 * Milliseconds a page may spend before Readability starts; past it the simpler extraction
 * answers. Checked between stages (a synchronous stage is never interrupted): the element and
 * depth caps are what bound each stage.
 */
export const DEFAULT_TIME_BUDGET_MS = 3_000;
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
  /** Per-site rules to use instead of the built-in SITE_RULES. */
  siteRules?: readonly SiteRule[];
  /** Overrides of the cleaning thresholds; default DEFAULT_EXTRACTION_TUNING (for benchmarks). */
  tuning?: Partial<ExtractionTuning>;
}

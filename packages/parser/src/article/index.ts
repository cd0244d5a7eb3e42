export { MissingPeerDependencyError } from '../errors/missing-peer-error.js';
export { type ArticleErrorCode, ArticleExtractionError } from './article-error.js';
export { sniffHtmlEncoding } from './decode-html.js';
export { extractArticle } from './extract-article.js';
export {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_ELEMENTS,
  DEFAULT_MAX_READABILITY_CHARS,
  DEFAULT_MAX_READABILITY_COST,
  DEFAULT_MAX_TEXT_CHARS,
  DEFAULT_TIME_BUDGET_MS,
  type ExtractArticleOptions,
  MIN_ARTICLE_WORDS,
} from './extract-options.js';
export { DEFAULT_EXTRACTION_TUNING, type ExtractionTuning } from './extraction-tuning.js';
export { findSiteRule, SITE_RULES, type SiteRule } from './site-rules.js';
export type { Article, ArticleWarning } from './types.js';

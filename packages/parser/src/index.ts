export { type ArticleDraft, excerptFrom, finishArticle } from './article/finish-article.js';
export {
  type ArticleErrorCode,
  ArticleExtractionError,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_ELEMENTS,
  DEFAULT_MAX_READABILITY_CHARS,
  DEFAULT_MAX_READABILITY_COST,
  DEFAULT_MAX_TEXT_CHARS,
  DEFAULT_TIME_BUDGET_MS,
  type ExtractArticleOptions,
  extractArticle,
  findSiteRule,
  MIN_ARTICLE_WORDS,
  MissingPeerDependencyError,
  SITE_RULES,
  type SiteRule,
  sniffHtmlEncoding,
} from './article/index.js';
export type { Article, ArticleWarning } from './article/types.js';
export * from './dates/index.js';
export * from './discover/index.js';
export { decodeWith, fixWindows1252 } from './encoding/text-decoder.js';
export * from './feed/index.js';
export * from './html/index.js';
export * from './opml/index.js';
export * from './text/index.js';
export * from './url/index.js';

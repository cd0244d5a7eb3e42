export * from './url/index.js';
export type { Article, ArticleWarning } from './article/types.js';
export * from './html/index.js';

export * from './url/index.js';
export type { Article, ArticleWarning } from './article/types.js';
export * from './html/index.js';
export * from './text/index.js';
export { type ArticleDraft, excerptFrom, finishArticle } from './article/finish-article.js';

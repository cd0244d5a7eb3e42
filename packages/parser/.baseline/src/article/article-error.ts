/** Why an input could not be read as a page at all (as opposed to a page without an article). */
export type ArticleErrorCode = 'ARTICLE_INPUT_INVALID' | 'ARTICLE_DECODE_FAILED' | 'ARTICLE_BINARY_INPUT';

/** Thrown by extractArticle only for input it cannot read; a page without an article gives null. */
export class ArticleExtractionError extends Error {
  readonly code: ArticleErrorCode;
  readonly url: string;

  constructor(code: ArticleErrorCode, url: string, message: string, options?: { cause?: unknown }) {
    super(`${message} (${url})`, options);
    this.name = 'ArticleExtractionError';
    this.code = code;
    this.url = url;
  }
}

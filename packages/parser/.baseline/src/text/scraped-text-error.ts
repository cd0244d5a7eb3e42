/** Input normalizeScrapedText cannot work with (not a string). */
export class ScrapedTextError extends Error {
  readonly code = 'INVALID_SCRAPED_TEXT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScrapedTextError';
  }
}

/** Thrown by parseOpml for text that is not an OPML document. */
export class OpmlParseError extends Error {
  readonly code = 'NOT_OPML';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'OpmlParseError';
  }
}

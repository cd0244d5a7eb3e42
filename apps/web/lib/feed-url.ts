// What an admin may subscribe to: an absolute http(s) URL of a feed or of a site whose page
// links one (the worker discovers the feed on its first poll).

export const MAX_FEED_URL_LENGTH = 2048;

export class FeedUrlError extends Error {
  readonly code = 'INVALID_FEED_URL';
  constructor(input: string, reason: string) {
    super(`Cannot subscribe to ${JSON.stringify(input.slice(0, 200))}: ${reason}`);
    this.name = 'FeedUrlError';
  }
}

/** Normalizes what the admin typed ("example.com/feed" becomes https://example.com/feed). */
export function normalizeFeedUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') throw new FeedUrlError(input, 'the URL is empty');
  if (trimmed.length > MAX_FEED_URL_LENGTH)
    throw new FeedUrlError(input, `the URL is longer than ${MAX_FEED_URL_LENGTH} characters`);
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch (cause) {
    throw Object.assign(new FeedUrlError(input, 'it is not a valid URL'), { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FeedUrlError(input, 'only http and https URLs can be polled');
  if (url.username || url.password)
    throw new FeedUrlError(input, 'URLs with a user name or password are not accepted');
  url.hash = '';
  return url.href;
}

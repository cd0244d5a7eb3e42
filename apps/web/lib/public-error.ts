// What the public sees of a feed's failure. The worker records the whole story (`ECONNREFUSED
// 127.0.0.1:9464`, a resolved private address, a port, a stack-ish message) for the operator; pages
// and the API for everyone else show only a category. First match wins; the rules are data.

const CATEGORIES: readonly (readonly [RegExp, string | ((match: RegExpExecArray) => string)])[] = [
  [/^HTTP (\d{3})\b/, (match) => `HTTP ${match[1]}`],
  [/^TIMEOUT\b|\bETIMEDOUT\b|timed? ?out/i, 'timed out'],
  [/^DNS\b|\bENOTFOUND\b|\bEAI_AGAIN\b|host not found/i, 'host not found'],
  [/\bECONNREFUSED\b|connection refused/i, 'connection refused'],
  [/\bECONNRESET\b|\bEPIPE\b|socket hang up|other side closed/i, 'connection reset'],
  [/^BLOCKED_ADDRESS\b/, 'address not allowed'],
  [/^TOO_LARGE\b/, 'response too large'],
  [/^(?:TOO_MANY_REDIRECTS|REDIRECT_LOOP|BAD_REDIRECT)\b/, 'bad redirect'],
  [/^BAD_ENCODING\b/, 'unreadable encoding'],
  [/^INVALID_URL\b/, 'invalid URL'],
  [/\bcertificate\b|\bCERT_|\bTLS\b|\bSSL\b/i, 'TLS error'],
  [/^Not a feed\b|is a web page/, 'not a feed'],
  [/heap|out of memory|crash|worker (?:died|exited)/i, 'crashed the worker'],
  [/^NETWORK\b|\bE[A-Z]{4,}\b/, 'network error'],
];

/** The fallback when no rule matches: says that something failed, and nothing else. */
export const UNKNOWN_FAILURE = 'poll failed';

/** The category of a recorded poll error, for the public. */
export function publicErrorCategory(detail: string): string {
  for (const [pattern, label] of CATEGORIES) {
    const match = pattern.exec(detail);
    if (match) return typeof label === 'string' ? label : label(match);
  }
  return UNKNOWN_FAILURE;
}

const LAST_ERROR = /^(.*?); last error: ([\s\S]*)$/;

/**
 * A disabled feed's reason for the public: the worker's "disabled after N failures; last error: …"
 * keeps its sentence with the error as a category; any other reason that reads as a poll error
 * becomes its category; a reason an operator wrote (no rule matches) is shown as written.
 */
export function publicDisabledReason(reason: string): string {
  const withLastError = LAST_ERROR.exec(reason);
  if (withLastError) return `${withLastError[1]}; last error: ${publicErrorCategory(withLastError[2]!)}`;
  const category = publicErrorCategory(reason);
  return category === UNKNOWN_FAILURE ? reason : category;
}

/** A feed as the public may see it: its error fields reduced to categories. */
export function withPublicErrors<T extends { lastError: string | null; disabledReason: string | null }>(
  feed: T,
): T {
  return {
    ...feed,
    lastError: feed.lastError === null ? null : publicErrorCategory(feed.lastError),
    disabledReason: feed.disabledReason === null ? null : publicDisabledReason(feed.disabledReason),
  };
}

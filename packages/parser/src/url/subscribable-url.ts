import { canonicalUrl } from './canonical-url.js';
import { SubscriptionUrlError } from './subscription-url-error.js';

// The one rule for what may be subscribed, shared by the worker's CLI and the web admin: an http(s)
// address of a feed, or of a site whose page advertises one (the first poll discovers it).

/** Longer addresses are refused (no feed needs one; it keeps a pasted document out of the table). */
export const MAX_SUBSCRIPTION_URL_LENGTH = 2048;

/** A scheme the person wrote ("mailto:", "ftp://"); "example.org:8080/feed" has a port, not a scheme. */
const EXPLICIT_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;
/** Hosts without a dot that still name a reachable server. */
const SINGLE_LABEL_HOSTS = new Set(['localhost']);

function isIpLiteral(hostname: string): boolean {
  return hostname.startsWith('[') || /^\d{1,3}(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The address to store for what a person typed or an OPML file listed: https:// added to a bare
 * host or path, then the canonical form. Refused: empty or overlong input, other schemes,
 * credentials, and single-label hosts ("nope"), which no public site has.
 * @throws SubscriptionUrlError naming the reason.
 */
export function subscribableUrl(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') throw new SubscriptionUrlError(input, 'the URL is empty');
  if (trimmed.length > MAX_SUBSCRIPTION_URL_LENGTH)
    throw new SubscriptionUrlError(input, `the URL is longer than ${MAX_SUBSCRIPTION_URL_LENGTH} characters`);
  const withScheme = trimmed.startsWith('//')
    ? `https:${trimmed}`
    : EXPLICIT_SCHEME.test(trimmed)
      ? trimmed
      : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch (cause) {
    throw new SubscriptionUrlError(input, 'it is not a valid URL', { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new SubscriptionUrlError(input, `only http and https URLs can be polled, not ${url.protocol}`);
  if (url.username || url.password)
    throw new SubscriptionUrlError(input, 'URLs with a user name or password are not accepted');
  const hostname = url.hostname.replace(/\.+$/, '');
  if (!hostname.includes('.') && !isIpLiteral(hostname) && !SINGLE_LABEL_HOSTS.has(hostname))
    throw new SubscriptionUrlError(
      input,
      `"${hostname}" has no domain; give the full address, such as ${hostname}.org`,
    );
  return canonicalUrl(url.href);
}

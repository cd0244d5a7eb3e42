export { MAX_URL_CHARS, safeHttpUrl } from '../html/url-policy.js';
export { canonicalUrl, tryCanonicalUrl, urlIdentity } from './canonical-url.js';
export { MAX_SUBSCRIPTION_URL_LENGTH, subscribableUrl } from './subscribable-url.js';
export { SubscriptionUrlError } from './subscription-url-error.js';
export { isTrackingParam, TRACKING_PARAM_PREFIXES, TRACKING_PARAMS } from './tracking-params.js';
export { InvalidUrlError } from './url-error.js';

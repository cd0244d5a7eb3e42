export { canonicalUrl, tryCanonicalUrl, urlIdentity } from './canonical-url.js';
export { isTrackingParam, TRACKING_PARAMS, TRACKING_PARAM_PREFIXES } from './tracking-params.js';
export { InvalidUrlError } from './url-error.js';

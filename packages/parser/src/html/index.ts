export { IFRAME_HOST_ALLOWLIST } from './html-policy.js';
export { collapseWhitespace, htmlToText } from './html-to-text.js';
export { type SanitizeOptions, sanitizeHtml, sanitizeHtmlWithText } from './sanitize-html.js';
export { httpUrlOrReason, MAX_URL_CHARS, type RefusedUrl, safeHttpUrl } from './url-policy.js';

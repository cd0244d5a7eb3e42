export { collapseWhitespace, htmlToText } from './html-to-text.js';
export { sanitizeHtml, type SanitizeOptions } from './sanitize-html.js';
export { IFRAME_HOST_ALLOWLIST } from './html-policy.js';

export { OpmlParseError } from '../errors/opml-parse-error.js';
export { buildOpml } from './build-opml.js';
export { flattenOpml, OPML_FOLDER_SEPARATOR } from './flatten-opml.js';
export { MAX_OPML_DEPTH, parseOpml } from './parse-opml.js';
export type { OpmlDocument, OpmlOutline, OpmlSubscription, OpmlWarning } from './types.js';

export { OpmlParseError } from '../errors/opml-parse-error.js';
export { buildOpml } from './build-opml.js';
export { flattenOpml, OPML_FOLDER_SEPARATOR } from './flatten-opml.js';
export { MAX_OPML_DEPTH, parseOpml, readOpml } from './parse-opml.js';
export { MAX_LISTED_OPML_REPAIRS } from './repair-outlines.js';
export {
  DEFAULT_MAX_OPML_SUBSCRIPTIONS,
  type ReadSubscriptionsOptions,
  type RefusedSubscription,
  readOpmlSubscriptions,
  type Subscription,
  type SubscriptionList,
  subscriptionsOpml,
} from './subscriptions.js';
export type { OpmlDocument, OpmlOutline, OpmlReading, OpmlSubscription, OpmlWarning } from './types.js';

export { COMMON_FEED_PATHS, discoverFeeds } from './discover-feeds.js';
export type { DiscoveredFeed } from './types.js';

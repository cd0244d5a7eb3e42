/** Bodies larger than this are refused with TOO_LARGE (override with `maxBytes`). */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Items after this many are dropped with a TOO_MANY_ITEMS warning (override with `maxItems`). */
export const DEFAULT_MAX_ITEMS = 5_000;

/** XML nested deeper than this is refused (UNSAFE_XML): no real feed comes close. */
export const MAX_XML_DEPTH = 256;

/** A DOCTYPE may declare at most this many internal entities before it is refused as a bomb. */
export const MAX_ENTITY_DECLARATIONS = 64;

/**
 * Characters that internal DTD entities may add to a feed in total (override with
 * `maxEntityExpansion`); references past it are left unexpanded with an ENTITY_EXPANSION_LIMIT warning.
 */
export const DEFAULT_MAX_ENTITY_EXPANSION = 1_000_000;

/**
 * Internal entities may add at most this many times the feed's own length (override with
 * `entityExpansionFactor`): one short entity referenced thousands of times is a bomb, not a feed.
 */
export const DEFAULT_ENTITY_EXPANSION_FACTOR = 2;

/** Items dated further ahead than this are kept but flagged with a FUTURE_DATE warning. */
export const FUTURE_DATE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** At most this many warnings of one code are listed; the rest are counted in a final message. */
export const MAX_WARNINGS_PER_CODE = 20;

// The thresholds of post-cleaning (postclean.ts), as named defaults of ExtractionTuning.

/** Share of a block's text inside links above which it is a list of pointers, not prose. */
export const LINK_LIST_MIN_DENSITY = 0.6;
/** Share of link text above which a block without a sentence is a headline linking elsewhere. */
export const HEADLINE_LINK_DENSITY = 0.8;
/** A recirculation heading in the last part of the text (this share of it) ends the article. */
export const TAIL_SHARE = 0.35;
/** How many times longer than any other <article> the main one must be for the others to be teasers. */
export const MAIN_ARTICLE_DOMINANCE = 3;
/** Around the main <article>, a block holding less prose than this share of it is furniture. */
export const SIBLING_MIN_PROSE_SHARE = 0.2;

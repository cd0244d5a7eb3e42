import { KEEP_CONTAINER_MIN_PROSE, KEEP_CONTAINER_MIN_SHARE } from './discard-lists.js';
import {
  HEADLINE_LINK_DENSITY,
  LINK_LIST_MIN_DENSITY,
  MAIN_ARTICLE_DOMINANCE,
  SIBLING_MIN_PROSE_SHARE,
  TAIL_SHARE,
} from './postclean-limits.js';

/**
 * The density and share thresholds of the cleaning passes, gathered so a benchmark can tune them
 * by cross-validation (bench/extraction.ts) without editing code. Each default is the named
 * constant next to the rule that uses it.
 */
export interface ExtractionTuning {
  /** Share of the page's prose that keeps a block named like furniture (preclean). */
  keepContainerMinShare: number;
  /** Prose characters below which that guard never applies (preclean). */
  keepContainerMinProse: number;
  /** Link-text share above which a list is a list of pointers (postclean). */
  linkListMinDensity: number;
  /** Link-text share above which a short block with no sentence end is a headline (postclean). */
  headlineLinkDensity: number;
  /** A recirculation heading in this last share of the text ends the article (postclean). */
  tailShare: number;
  /** Around the dominant <article>, blocks with less prose than this share of it go (postclean). */
  siblingMinProseShare: number;
  /** How many times longer than any rival the main <article> must be (postclean). */
  mainArticleDominance: number;
}

export const DEFAULT_EXTRACTION_TUNING: Readonly<ExtractionTuning> = Object.freeze({
  keepContainerMinShare: KEEP_CONTAINER_MIN_SHARE,
  keepContainerMinProse: KEEP_CONTAINER_MIN_PROSE,
  linkListMinDensity: LINK_LIST_MIN_DENSITY,
  headlineLinkDensity: HEADLINE_LINK_DENSITY,
  tailShare: TAIL_SHARE,
  siblingMinProseShare: SIBLING_MIN_PROSE_SHARE,
  mainArticleDominance: MAIN_ARTICLE_DOMINANCE,
});

/** The defaults with a caller's overrides on top. */
export function resolveTuning(overrides: Partial<ExtractionTuning> | undefined): ExtractionTuning {
  return overrides ? { ...DEFAULT_EXTRACTION_TUNING, ...overrides } : DEFAULT_EXTRACTION_TUNING;
}

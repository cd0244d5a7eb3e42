import type { LineEvidence } from './line-evidence.js';

// The title of scraped text is a line, not a tag: the headline-shaped line nearest above the story.

/** A title line has this many words. */
const TITLE_MIN_WORDS = 3;
const TITLE_MAX_WORDS = 30;
/** A headline ending in a colon has at least this many words (labels like "Search for:" do not). */
const TITLE_COLON_MIN_WORDS = 4;
/** "Headline | Site", "Headline – Site", "Headline :: Site": the part after is the site's name... */
const SITE_SEPARATOR = /\s(?:\||–|—|-|::|»|·)\s/gu;
/** ...when it is this short, and the headline before it long enough to stand alone... */
const SITE_NAME_MAX_WORDS = 4;
/** ...and it is shaped like a name ("Daily Globe", "The Times of India", "BBC", "example.com"). */
const SITE_NAME_SHAPE =
  /^[\p{Lu}\p{N}][\p{L}\p{N}'’&.!-]*(?:\s+(?:[\p{Lu}\p{N}&][\p{L}\p{N}'’&.!-]*|of|the|and|on|de|del|la|le|der|die|das|di))*$|^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;

function words(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Whether a line can be a headline: a few words, not furniture, no sentence-final period. */
export function isTitleCandidate(text: string, evidence: LineEvidence): boolean {
  return (
    evidence.boilerplate === null &&
    evidence.words >= TITLE_MIN_WORDS &&
    evidence.words <= TITLE_MAX_WORDS &&
    // "Video shows dramatic rescue of kidnapping victim:" is a headline; "Search for:" is not.
    !/[.;,]$/u.test(text) &&
    !(text.endsWith(':') && evidence.words < TITLE_COLON_MIN_WORDS) &&
    !(evidence.allCaps && evidence.words < 4)
  );
}

/** "Talks set for Geneva | Daily Globe" -> title "Talks set for Geneva", site "Daily Globe". */
export function splitSiteName(title: string): { title: string; siteName: string | null } {
  const separators = [...title.matchAll(SITE_SEPARATOR)];
  const last = separators.at(-1);
  if (!last) return { title, siteName: null };
  const headline = title.slice(0, last.index).trim();
  const site = title.slice(last.index + last[0].length).trim();
  if (words(site) > SITE_NAME_MAX_WORDS || !SITE_NAME_SHAPE.test(site) || words(headline) < TITLE_MIN_WORDS) {
    return { title, siteName: null };
  }
  return { title: headline, siteName: site };
}

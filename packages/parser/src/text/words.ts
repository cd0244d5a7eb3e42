// Word tokens for signatures and statistics. Everything that compares texts (contentHash, simhash,
// similarity, language detection) goes through here so two outlets' copies of a story fold alike.

/** Scripts written without spaces between words: every character counts as one token. */
const UNSPACED_SCRIPT_CHAR =
  /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}])/gu;
const UNSPACED_SCRIPT_TEST = new RegExp(UNSPACED_SCRIPT_CHAR.source, 'u');
const NON_ASCII = /[^\x00-\x7f]/u;
const WORD_RUN = /[\p{L}\p{M}\p{N}]+/gu;
/** Apostrophes inside a word ("Russia's", "aujourd’hui") are dropped, not split on. */
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ`´](?=[\p{L}\p{N}])/gu;
/** Any of INNER_APOSTROPHE's marks: most lines have none, and this scan is far cheaper than its lookbehind. */
const APOSTROPHE = /['’ʼ`´]/u;

/**
 * Folds case, compatibility forms (full-width letters, ligatures), quotes and apostrophes, then
 * returns the word tokens: runs of letters and digits, one token per character in CJK/Thai text.
 * Punctuation and whitespace differences vanish.
 */
export function signatureWords(text: string): string[] {
  // ASCII needs no compatibility folding, and most text has no unspaced script: skip those passes.
  const lower = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  const folded = APOSTROPHE.test(lower) ? lower.replace(INNER_APOSTROPHE, '') : lower;
  const spaced = UNSPACED_SCRIPT_TEST.test(folded) ? folded.replace(UNSPACED_SCRIPT_CHAR, ' $1 ') : folded;
  return spaced.match(WORD_RUN) ?? [];
}

/** The text reduced to its folded words separated by single spaces: what contentHash hashes. */
export function normalizeForSignature(text: string): string {
  return signatureWords(text).join(' ');
}

let cachedSegmenter: Intl.Segmenter | undefined;

/** Created on first use: building ICU's word segmenter costs a noticeable part of import time. */
function wordSegmenter(): Intl.Segmenter {
  cachedSegmenter ??= new Intl.Segmenter('und', { granularity: 'word' });
  return cachedSegmenter;
}
/** Runs of unspaced script, numbers ("3.5", "40,000") and words ("Russia's") as one token each. */
const READING_TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]+|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED_START =
  /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
/**
 * ICU segmentation is only needed inside runs of unspaced script, and its cost grows faster than
 * the text, so it sees one bounded slice of a run at a time.
 */
const SEGMENTER_SLICE_CHARS = 256;

function countUnspacedWords(run: string): number {
  let count = 0;
  for (let start = 0; start < run.length; start += SEGMENTER_SLICE_CHARS) {
    for (const segment of wordSegmenter().segment(run.slice(start, start + SEGMENTER_SLICE_CHARS))) {
      if (segment.isWordLike) count++;
    }
  }
  return count;
}

/** Words a reader reads: spaced words and numbers, and ICU-segmented words in Chinese, Japanese or Thai. */
export function countWords(text: string): number {
  let count = 0;
  for (const [token] of text.matchAll(READING_TOKEN)) {
    count += UNSPACED_START.test(token) ? countUnspacedWords(token) : 1;
  }
  return count;
}

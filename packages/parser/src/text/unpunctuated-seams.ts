import { CAMEL_CASE_NAMES } from './camel-case-names.js';

// A scraper that concatenates <p> texts also glues paragraphs that end without punctuation: a
// heading, a caption, a date ("lessonToday", "US FALLSThe", "November 1, 2019The", "(12 Dvd)The",
// "highlights:NISSAN"). Inside real prose such junctions are names ("iPhone", "McDonald",
// "WeWork"), so a junction is a seam only when no name explains it.

/** A lower-case letter running into a capitalised word: "lessonToday". */
const CAMEL = /(?<=\p{Ll})(?=\p{Lu}\p{Ll})/gu;
/** A run of capitals running into a capitalised word: "FALLSThe" (cut before the "T"). */
const CAPS_RUN = /(?<![\p{L}\p{M}])\p{Lu}{3,}(?=\p{Lu}\p{Ll})/gu;
/** A number (or percentage) running into a capitalised word of three letters or more: "2019The". */
const NUMBER_THEN_WORD = /(?<=[\p{Nd}%])(?=\p{Lu}\p{Ll}{2,})/gu;
/** A closing bracket or quote, or a colon after a word, running into the next text: "(Dvd)The". */
const CLOSER_THEN_TEXT = /(?<=[)\]”]|\p{L}:)(?=[\p{Lu}“"‘«(])/gu;
/** Tokens that are addresses, handles or code ("System.Console.WriteLine()"): their capitals mean nothing. */
const ADDRESS = /:\/\/|www\.|@|^#|\.(?:com|org|net|io|ly|to|gl|co)\b|\/.*\/|\p{Ll}\.\p{Lu}\p{L}*\.|\(\)/u;
/** Prefixes of family names and brands: "McCain", "MacBook", "DeSantis", "WeWork". */
const SHORT_CAPITALISED_PREFIX_MAX = 3;

const LEXICON_NAMES = new Set(CAMEL_CASE_NAMES);

/** The token's candidate cuts, as offsets into the token, in order. */
function candidateCuts(token: string): number[] {
  if (ADDRESS.test(token)) return [];
  const cuts = new Set<number>();
  for (const pattern of [CAMEL, NUMBER_THEN_WORD, CLOSER_THEN_TEXT]) {
    for (const match of token.matchAll(pattern)) if (match.index > 0) cuts.add(match.index);
  }
  for (const match of token.matchAll(CAPS_RUN)) cuts.add(match.index + match[0].length);
  return [...cuts].sort((a, b) => a - b);
}

/** Whether a name known to be whole spans the cut: "WeWork" in "WeWorkThe" spans "We|Work". */
function nameSpans(token: string, cut: number, names: Iterable<string>): boolean {
  for (const name of names) {
    let from = token.indexOf(name);
    while (from >= 0) {
      if (from < cut && cut < from + name.length) return true;
      from = token.indexOf(name, from + 1);
    }
  }
  return false;
}

/** The letters just before the cut, back to the previous capital or non-letter. */
function leftSegment(token: string, cut: number): string {
  let start = cut;
  while (start > 0 && /[\p{L}\p{M}]/u.test(token[start - 1]!)) {
    start--;
    if (/\p{Lu}/u.test(token[start]!)) break;
  }
  return token.slice(start, cut);
}

/**
 * Whether the junction at `cut` reads as a name rather than a glued break: a one-letter lower-case
 * prefix ("iPhone", "eBay") or a short capitalised one ("McCain", "DeSantis").
 */
function looksLikeName(token: string, cut: number): boolean {
  if (!/\p{Ll}/u.test(token[cut - 1] ?? '')) return false;
  const left = leftSegment(token, cut);
  if (left.length <= 1) return true;
  return /^\p{Lu}/u.test(left) && left.length <= SHORT_CAPITALISED_PREFIX_MAX;
}

/**
 * Names the text itself vouches for: a token with a capital inside that occurs at least twice
 * as-is is a name ("WeWork ... WeWork's"), since a glued break does not repeat letter for letter.
 */
export function repeatedCamelNames(text: string): Set<string> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(/[\p{L}\p{M}\p{Nd}]*\p{Ll}\p{Lu}[\p{L}\p{M}\p{Nd}]*/gu)) {
    counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  }
  const names = new Set<string>();
  for (const [token, count] of counts) if (count >= 2) names.add(token);
  return names;
}

/**
 * Offsets in `text` where a paragraph was glued to the next one without punctuation. `knownNames`
 * are names vouched for elsewhere (see repeatedCamelNames); the built-in list is always used.
 */
export function findUnpunctuatedSeams(text: string, knownNames: ReadonlySet<string> = new Set()): number[] {
  const seams: number[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    const token = match[0];
    const cuts = candidateCuts(token);
    if (cuts.length === 0) continue;
    for (const cut of cuts) {
      if (looksLikeName(token, cut)) continue;
      if (nameSpans(token, cut, LEXICON_NAMES) || nameSpans(token, cut, knownNames)) continue;
      seams.push(match.index + cut);
    }
  }
  return seams;
}

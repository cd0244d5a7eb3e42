import { CAMEL_CASE_NAMES } from './camel-case-names.js';
import { SENTENCE_OPENERS } from './sentence-openers.js';

// Scrapers that concatenate <p> texts glue paragraphs ending without punctuation ("lessonToday",
// "US FALLSThe", "November 1, 2019The"). In real prose such junctions are names ("iPhone",
// "McDonald"), so a junction is a seam only when no name explains it.

/**
 * A lower-case letter running into a capitalised word, a one-letter word ("FestivalA selection")
 * or a label ("WorldQ: Favorite"): "lessonToday".
 */
const CAMEL = /(?<=\p{Ll})(?=\p{Lu}(?:\p{Ll}|\s\p{Ll}|:\s))/gu;
/** A run of capitals running into a capitalised word: "FALLSThe", "JAMDo" (cut before the last capital; "SUVs" stays). */
const CAPS_RUN = /(?<![\p{L}\p{M}])\p{Lu}{2,}(?=\p{Lu}(?:\p{Ll}{2}|(?!s)\p{Ll}(?![\p{L}\p{M}])))/gu;
/**
 * A number (or percentage) running into a capitalised word of three letters or more ("2019The"),
 * or a year into any capitalised word ("2019So many"; "120Hz" stays).
 */
const NUMBER_THEN_WORD = /(?<=[\p{Nd}%])(?=\p{Lu}\p{Ll}{2,})|(?<=\p{Nd}{4})(?=\p{Lu}\p{Ll})/gu;
/** A word running into a number of two digits or more: "Timeline2020", "Walmart45% Off" ("i9" stays). */
const WORD_THEN_NUMBER = /(?<=\p{Ll}{3})(?=\p{Nd}{2})/gu;
/** A closing bracket or quote, or a colon after a word, running into the next text: "(Dvd)The". */
const CLOSER_THEN_TEXT = /(?<=[)\]”]|\p{L}:)(?=[\p{Lu}“"‘«(])/gu;
/** A Latin word (a handle, a name) running into a capitalised word of another script: "@darkzipЧто". */
const SCRIPT_CHANGE = /(?<=\p{Script=Latin})(?=(?!\p{Script=Latin})\p{Lu}\p{Ll})/gu;
/** An opening curly quote glued to what came before: "– Man**“Very talented" (not German „…“ closing). */
const TEXT_THEN_QUOTE = /(?<=[^\s“‘«([—–-])(?=“[\p{L}\p{N}…])/gu;
/**
 * A capitalised label's colon running into a lower-case word: "Фото:личный архив" (prose puts a
 * space there; "urn:isbn" is not capitalised).
 */
const LABEL_THEN_WORD = /(?<=\p{Lu}\p{Ll}+:)(?=\p{Ll}{3})/gu;
/** A dash that opens an attribution or a reply, glued to what came before: "…euaq— Arvind". */
const DASH_THEN_TEXT = /(?<=\S)(?=[—–]\s\p{Lu})/gu;
/** Tokens that are addresses, handles or code ("System.Console.WriteLine()"): their capitals mean nothing. */
const ADDRESS = /:\/\/|www\.|@|^#|\.(?:com|org|net|io|ly|to|gl|co)\b|\/.*\/|\p{Ll}\.\p{Lu}\p{L}*\.|\(\)/u;
/**
 * Capitalised prefixes this short make names: "McCain", "DeSantis", "WeWork". Longer ones
 * ("MacBook", "YouTube") are names only by the name list or the text's own repeats: a three-letter
 * word ends a heading too often ("Status QuoAnaloge"). Chosen on both cross-validation folds.
 */
const SHORT_CAPITALISED_PREFIX_MAX = 2;

const LEXICON_NAMES = new Set(CAMEL_CASE_NAMES);

/** What every cut needs after the token's first character. */
const MAY_HAVE_CUT = /.[\p{Lu}\p{Nd}“"([—–‘«:]/u;
/** Characters after a token that the patterns may look at ("FestivalA selection"). */
const LOOKAHEAD_CHARS = 3;

/**
 * The token's candidate cuts, as offsets into the token, in order. `context` is the token followed
 * by the next few characters of the text.
 */
function candidateCuts(token: string, context: string): number[] {
  // Most words have no capital, digit, quote, bracket or dash after their first letter: skip them.
  if (!MAY_HAVE_CUT.test(token)) return [];
  const cuts = new Set<number>();
  const add = (cut: number) => {
    if (cut > 0 && cut < token.length) cuts.add(cut);
  };
  // An address ends where a dash starts an attribution: "pic.twitter.com/x— Name".
  for (const pattern of [DASH_THEN_TEXT, SCRIPT_CHANGE]) {
    for (const match of context.matchAll(pattern)) add(match.index);
  }
  if (!ADDRESS.test(token)) {
    for (const pattern of [
      CAMEL,
      NUMBER_THEN_WORD,
      WORD_THEN_NUMBER,
      CLOSER_THEN_TEXT,
      LABEL_THEN_WORD,
      TEXT_THEN_QUOTE,
    ]) {
      for (const match of context.matchAll(pattern)) add(match.index);
    }
    for (const match of context.matchAll(CAPS_RUN)) add(match.index + match[0].length);
  }
  return [...cuts].sort((a, b) => a - b);
}

const NAME_CHAR = /[\p{L}\p{M}\p{Nd}'’]/u;
const CAPITAL = /\p{Lu}/u;

/**
 * Whether a name known to be whole spans the cut: "WeWork" in "WeWorkThe" spans "We|Work". Names
 * start at the word's start or a capital and end at a capital or the word's end, so only those
 * slices are looked up: a set lookup each, however many names there are.
 */
function nameSpans(token: string, cut: number, names: ReadonlySet<string>): boolean {
  let wordStart = cut;
  while (wordStart > 0 && NAME_CHAR.test(token[wordStart - 1]!)) wordStart--;
  let wordEnd = cut;
  while (wordEnd < token.length && NAME_CHAR.test(token[wordEnd]!)) wordEnd++;
  const starts = [wordStart];
  for (let index = wordStart + 1; index < cut; index++) if (CAPITAL.test(token[index]!)) starts.push(index);
  // ...or before a possessive or a plural: "MacBook’s", "MacBooks".
  const ends = [wordEnd, wordEnd - 1];
  for (let index = cut + 1; index < wordEnd; index++) {
    if (CAPITAL.test(token[index]!) || token[index] === "'" || token[index] === '’') ends.push(index);
  }
  return starts.some((start) => ends.some((end) => names.has(token.slice(start, end))));
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
 * prefix ("iPhone", "eBay") or a two-letter capitalised one ("McCain", "DeSantis").
 */
function looksLikeName(token: string, cut: number): boolean {
  if (!/\p{Ll}/u.test(token[cut - 1] ?? '')) return false;
  const left = leftSegment(token, cut);
  if (left.length <= 1) return true;
  return /^\p{Lu}/u.test(left) && left.length <= SHORT_CAPITALISED_PREFIX_MAX;
}

/**
 * Two ordinary words glued, whatever the repeats: a long lower-case first half ("workoutAsparagus")
 * or a function word as the second ("AmazonThe"). Names have neither ("iPhone", "WeWork").
 */
function gluedWordsShape(token: string): boolean {
  const cut = token.search(/(?<=\p{Ll})\p{Lu}/u);
  const right = /^\p{Lu}\p{Ll}*/u.exec(token.slice(cut))?.[0] ?? '';
  return /^\p{Ll}{3}/u.test(token) || SENTENCE_OPENERS.has(right);
}

const CAMEL_WORD = /[\p{L}\p{M}\p{Nd}]*\p{Ll}\p{Lu}[\p{L}\p{M}\p{Nd}]*/gu;
const INNER_CAPITAL = /(?<=\p{Ll})(?=\p{Lu})/gu;
const HAS_INNER_CAPITAL = /\p{Ll}\p{Lu}/u;
/** A plain lower-case word ("the", "at,"): not a glued blob like "tsp.Post-Workout". */
const LOWER_CASE_WORD = /^\p{Ll}+[,;]?$/u;

/**
 * Names the text itself vouches for: a word with an inner capital that occurs at least twice, once
 * mid-sentence ("the MacBook"). A page repeating its structure repeats glued breaks too, but those
 * follow a heading, not a lower-case word.
 */
export function repeatedCamelNames(text: string): Set<string> {
  const counts = new Map<string, number>();
  const midSentence = new Set<string>();
  const words = text.split(/\s+/u);
  for (const [index, word] of words.entries()) {
    if (!HAS_INNER_CAPITAL.test(word)) continue;
    for (const match of word.matchAll(CAMEL_WORD)) {
      counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
      if (match.index === 0 && LOWER_CASE_WORD.test(words[index - 1] ?? '')) midSentence.add(match[0]);
    }
  }
  for (const token of [...counts.keys()]) {
    const repeats = counts.get(token)!;
    for (const match of token.matchAll(INNER_CAPITAL)) {
      const prefix = token.slice(0, match.index);
      const count = counts.get(prefix);
      if (count !== undefined) counts.set(prefix, count + repeats);
    }
  }
  const names = new Set<string>();
  for (const [token, count] of counts) {
    if (count >= 2 && midSentence.has(token) && !gluedWordsShape(token)) names.add(token);
  }
  return names;
}

/**
 * A straight quote between a word and a capitalised one: a quotation closes ('"My fears have been
 * realized"Morrison told') or opens there, by the count of quotes before it.
 */
function straightQuoteSeams(text: string): number[] {
  const seams: number[] = [];
  let quotes = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] !== '"') continue;
    quotes++;
    if (
      !/[\p{L}\p{N}]/u.test(text[index - 1] ?? '') ||
      !/\p{Lu}\p{Ll}/u.test(text.slice(index + 1, index + 3))
    ) {
      continue;
    }
    // Opening ('Joe Biden"At no time'): the break comes before it; closing, after it.
    seams.push(quotes % 2 === 1 ? index : index + 1);
  }
  return seams;
}

/**
 * Offsets in `text` where a paragraph was glued to the next one without punctuation. `knownNames`
 * are names vouched for elsewhere (see repeatedCamelNames); the built-in list is always used.
 */
export function findUnpunctuatedSeams(text: string, knownNames: ReadonlySet<string> = new Set()): number[] {
  const seams: number[] = straightQuoteSeams(text);
  for (const match of text.matchAll(/\S+/gu)) {
    const token = match[0];
    const end = match.index + token.length;
    const cuts = candidateCuts(token, token + text.slice(end, end + LOOKAHEAD_CHARS));
    if (cuts.length === 0) continue;
    for (const cut of cuts) {
      if (looksLikeName(token, cut)) continue;
      if (nameSpans(token, cut, LEXICON_NAMES) || nameSpans(token, cut, knownNames)) continue;
      seams.push(match.index + cut);
    }
  }
  return seams;
}

import { matchBoilerplatePattern, wordsIn } from './boilerplate-patterns.js';
import { SENTENCE_OPENERS } from './sentence-openers.js';
import { findUnpunctuatedSeams } from './unpunctuated-seams.js';

// Scrapers that concatenate <p> elements' text leave "on January 10.The Kremlin": a sentence end
// immediately followed by the next sentence's capital. This module finds those seams and decides,
// for each, whether it was a paragraph break (the usual cause) or just a missing space.

/** Never a sentence end: a title or a reference comes next ("Dr.Smith", "No.5", "e.g.The"). */
const NEVER_ENDS_SENTENCE = new Set(
  'mr mrs ms mx dr prof st mt ft gen sen rep gov lt col sgt capt cmdr adm rev hon pres supt det insp jr sr vol fig figs pp cf vs e.g i.e approx dept jan feb apr aug sep sept oct nov dec'.split(
    ' ',
  ),
);
/**
 * After these (and after initialisms like "U.S", "a.m", or dotted names like "example.com") a
 * seam is a sentence end only when a typical sentence opener follows: "in the U.S.The Kremlin".
 */
const MAY_END_SENTENCE = new Set('inc ltd co corp llc plc etc bros'.split(' '));

/**
 * Furniture glued to the next sentence with no punctuation at all ("AdvertisementThe Kremlin…",
 * "Share thisPolice said…"): a lower-case letter running into a capitalised word. Looked for only
 * near the start of a paragraph.
 */
const CASE_JUNCTION = /(?<=\p{Ll})(?=\p{Lu}\p{Ll})/gu;
const JUNCTION_SEARCH_CHARS = 80;
const TERMINATOR = /[.!?…]/u;
const CLOSER = /["”’»)\]]/u;
const OPENER = /["“‘«([]/u;
const DASH = /[—–]/u;
const LOWER_OR_CLOSING = /[\p{Ll}\p{N}"”’)\]%…#+]/u;
const UPPER = /\p{Lu}/u;
const INITIALISM = /^(?:\p{L}\.)+\p{L}$/u;
const ACRONYM = /^[\p{Lu}\p{N}]{2,}$/u;
const RIGHT_WORD = /^\p{Lu}[\p{L}\p{M}'’-]*/u;
/**
 * Default for `minParagraphWords`: a fragment shorter than this on either side of a sentence end
 * is a missing space ("He left.Then he came back."), not a paragraph break. Chosen by 2-fold
 * cross-validation on the scraped-text corpus (bench/scraped-text.ts).
 */
export const DEFAULT_MIN_GLUED_PARAGRAPH_WORDS = 3;

interface Seam {
  /** Index where the second piece starts. */
  cut: number;
  /** Index of the first character after the sentence end and its closing quote, if any. */
  end: number;
  /**
   * A sentence end ("10.The") may be a missing space inside a paragraph; a junction without
   * punctuation ("lessonToday", "2019The") only ever comes from glued paragraphs.
   */
  punctuated: boolean;
}

/** How far back the word before a seam is looked for: longer "words" are not abbreviations anyway. */
const MAX_TOKEN_CHARS = 64;

function leftToken(text: string, terminatorIndex: number): string {
  let start = terminatorIndex;
  while (start > 0 && terminatorIndex - start < MAX_TOKEN_CHARS && text[start - 1] !== ' ') start--;
  return text.slice(start, terminatorIndex).replace(/^[("“‘«[]+/u, '');
}

interface QuoteState {
  /** Straight double quotes seen: odd means a quotation is open. */
  straight: number;
  /** Curly or angle opening quotes minus closing ones. */
  curly: number;
}

function quoteStateOf(text: string): QuoteState {
  let straight = 0;
  let curly = 0;
  for (const char of text) {
    if (char === '"') straight++;
    else if (char === '“' || char === '«') curly++;
    else if (char === '”' || char === '»') curly--;
  }
  return { straight, curly };
}

/**
 * A one-letter word after a full stop is an initial ("F.Kennedy") unless it reads as a word: a
 * label ("Q: Where", "A: Trip"), a word followed by a lower-case one ("ужина.А мы") or an
 * initialism ("higher.U.S. crude").
 */
function singleLetterStartsSentence(rightWord: string, afterWord: string): boolean {
  return rightWord === 'A' || rightWord === 'I' || /^(?::|\s\p{Ll}|\.\p{Lu})/u.test(afterWord);
}

function isSentenceEnd(text: string, index: number, rightWord: string, afterWord: string): boolean {
  const previous = text[index - 1];
  if (previous === undefined) return false;
  if (rightWord.length === 1 && !singleLetterStartsSentence(rightWord, afterWord)) return false;
  // "on its annual recess .After", "so frustrating …Welcome": a detached stop or ellipsis.
  // (".DJI fell" is a ticker, not a stop.)
  if (previous === ' ')
    return LOWER_OR_CLOSING.test(text[index - 2] ?? '') && /^\p{Lu}\p{Ll}/u.test(rightWord);
  const token = leftToken(text, index);
  const bare = token.replace(/[.!?…"”’)\]%]+$/u, '');
  if (NEVER_ENDS_SENTENCE.has(bare.toLowerCase())) return false;
  const ambiguous =
    MAY_END_SENTENCE.has(bare.toLowerCase()) ||
    INITIALISM.test(bare) ||
    /\p{L}\.\p{L}/u.test(bare) ||
    bare.includes('://') ||
    bare.includes('@');
  if (ambiguous) return SENTENCE_OPENERS.has(rightWord);
  if (LOWER_OR_CLOSING.test(previous)) return true;
  // "joined NATO.The alliance": an acronym can end a sentence; a lone initial ("F.Kennedy") cannot,
  // and capitals on both sides ("IQ.LIGHT") are a product name.
  return UPPER.test(previous) && ACRONYM.test(bare) && !ACRONYM.test(rightWord);
}

/** Abbreviations a number follows: "No.3", "Art.5", "pp.12". */
const NUMBER_ABBREVIATIONS = new Set('no nos nr art ch chap sec op cat ed pt para'.split(' '));
/** A numbered item or heading: "2. Never urged", "3 Hospitalized", "6A: Wichita", "[2] Joint". */
const NUMBERED_ITEM = /^\p{Nd}{1,3}(?:[.)\]:]\s|\p{Lu}:\s|\s\p{Lu}\p{Ll})/u;

/**
 * Whether a sentence end runs into a numbered item ("he warned.2. Never urged"): after a word,
 * not a number ("3.5 Million") or an abbreviation ("No.3 Hospital").
 */
function startsNumberedItem(text: string, index: number, position: number): boolean {
  if (!NUMBERED_ITEM.test(text.slice(position, position + 8))) return false;
  if (!/[\p{Ll}"”’)]/u.test(text[index - 1] ?? '')) return false;
  const bare = leftToken(text, index).replace(/[.!?…"”’)\]%]+$/u, '');
  const word = bare.toLowerCase();
  return !NEVER_ENDS_SENTENCE.has(word) && !MAY_END_SENTENCE.has(word) && !NUMBER_ABBREVIATIONS.has(word);
}

/** The next glued sentence end, which bounds the sentence after a seam. */
const NEXT_GLUED_END = /[.!?…]["”’]?(?=["“]?\p{Lu})/gu;
/** How far ahead the next sentence is read for its quotes. */
const NEXT_SENTENCE_MAX_CHARS = 600;

/**
 * Whether a lone straight quote at a seam opens the next sentence's quotation rather than closing
 * the last one: the quotes since the previous seam are even (none is open), or the next sentence
 * holds an odd number of them ('consequences."Given our findings," he said.').
 */
function quoteOpensNext(text: string, at: number, quotesBefore: Uint32Array, previousCut: number): boolean {
  const window = text.slice(at + 1, at + 1 + NEXT_SENTENCE_MAX_CHARS);
  NEXT_GLUED_END.lastIndex = 0;
  const end = NEXT_GLUED_END.exec(window)?.index ?? window.length;
  let ahead = 0;
  for (let index = 0; index < end; index++) if (window[index] === '"') ahead++;
  return ahead % 2 === 1 || (quotesBefore[at]! - quotesBefore[previousCut]!) % 2 === 0;
}

/** Every seam where a sentence end runs into the next sentence without a space. */
export function findGluedSeams(text: string): Seam[] {
  const seams: Seam[] = [];
  // Straight quotes before each index, so "is a quotation open here?" costs O(1).
  const quotesBefore = new Uint32Array(text.length + 1);
  for (let index = 0; index < text.length; index++) {
    quotesBefore[index + 1] = quotesBefore[index]! + (text[index] === '"' ? 1 : 0);
  }
  for (let index = 0; index < text.length; index++) {
    if (!TERMINATOR.test(text[index]!)) continue;
    let last = index;
    while (last + 1 < text.length && TERMINATOR.test(text[last + 1]!)) last++;
    let position = last + 1;
    const closers = position;
    while (position < text.length && CLOSER.test(text[position]!)) position++;
    const openers = position;
    while (position < text.length && OPENER.test(text[position]!)) position++;
    // A dialogue dash opens the next reply ("ужина.— Думаю"); a spaced bracket, a credit
    // ("Stadia delivers.[ Engadget ]").
    if (DASH.test(text[position] ?? '') && text[position + 1] === ' ') position += 2;
    else if (text[position - 1] === '[' && text[position] === ' ') position += 1;
    const rightWord = RIGHT_WORD.exec(text.slice(position, position + 60))?.[0];
    const afterWord = text.slice(
      position + (rightWord?.length ?? 0),
      position + (rightWord?.length ?? 0) + 2,
    );
    // A dotted identifier or a call ("System.Console.WriteLine(") is code, not two sentences.
    const identifier =
      /^\(/u.test(afterWord) ||
      (rightWord !== undefined && rightWord.length > 1 && /^\.\p{L}/u.test(afterWord));
    if (
      (rightWord && !identifier && isSentenceEnd(text, index, rightWord, afterWord)) ||
      (!rightWord && startsNumberedItem(text, index, position))
    ) {
      let cut = openers;
      // A lone straight quote between the two sentences: closing if one is open, else opening.
      // Two of them ('way.""I can') close one quotation and open the next.
      const quotes = text.slice(closers, openers);
      if (quotes === '""') cut = closers + 1;
      else if (quotes === '"')
        cut = quoteOpensNext(text, closers, quotesBefore, seams.at(-1)?.cut ?? 0) ? closers : closers + 1;
      seams.push({ cut, end: cut, punctuated: true });
    }
    index = last;
  }
  return seams;
}

/**
 * Splits a furniture line off the start of a paragraph it was glued to. The prefix must match a
 * boilerplate pattern and, when it is a single word, be followed by a sentence opener, so brand
 * names ("SharePoint", "LinkedIn") stay whole.
 */
function splitLeadingFurniture(paragraph: string): string[] {
  for (const match of paragraph.slice(0, JUNCTION_SEARCH_CHARS).matchAll(CASE_JUNCTION)) {
    const prefix = paragraph.slice(0, match.index);
    const rest = paragraph.slice(match.index);
    const nextWord = RIGHT_WORD.exec(rest)?.[0] ?? '';
    if (matchBoilerplatePattern(prefix) && (wordsIn(prefix) >= 2 || SENTENCE_OPENERS.has(nextWord))) {
      return [prefix.trim(), rest];
    }
  }
  return [paragraph];
}

export interface GluedSplit {
  paragraphs: string[];
  /** Seams turned into paragraph breaks. */
  paragraphBreaks: number;
  /** Seams that only lacked a space (inside a quotation, or too short to be a paragraph). */
  missingSpaces: number;
}

/** Every seam in a line, punctuated or not, in order and without duplicates. */
function allSeams(line: string, knownNames: ReadonlySet<string>): Seam[] {
  const seams = findGluedSeams(line);
  const taken = new Set(seams.map((seam) => seam.cut));
  for (const cut of findUnpunctuatedSeams(line, knownNames)) {
    if (!taken.has(cut)) seams.push({ cut, end: cut, punctuated: false });
  }
  return seams.sort((a, b) => a.cut - b.cut);
}

/**
 * Whether a seam falls inside a quotation: the paragraph so far leaves a quote open and the next
 * piece closes it ("He left.Then he came back," she said). A stray quote earlier in a long glued
 * line, never closed, does not hold every later seam together.
 */
function quotationSpans(before: QuoteState, next: QuoteState): boolean {
  return (before.straight % 2 === 1 && next.straight % 2 === 1) || (before.curly > 0 && next.curly < 0);
}

/**
 * Splits a line at its glued seams. A seam is a paragraph break (the canonical case: a scraper
 * joined <p> texts), unless the break would fall inside a quotation, or a sentence end would leave
 * a fragment too short to be a paragraph: then it was a missing space, and one is inserted.
 */
export interface SplitGluedOptions {
  /** Camel-case names the whole text vouches for (see repeatedCamelNames). */
  knownNames?: ReadonlySet<string>;
  /** Shortest fragment, in words, a sentence-end seam makes a paragraph of. */
  minParagraphWords?: number;
}

export function splitGluedSentences(line: string, options: SplitGluedOptions = {}): GluedSplit {
  const knownNames = options.knownNames ?? new Set<string>();
  const minWords = options.minParagraphWords ?? DEFAULT_MIN_GLUED_PARAGRAPH_WORDS;
  const seams = allSeams(line, knownNames);
  const cuts = [0, ...seams.map((seam) => seam.cut), line.length];
  const paragraphs: string[] = [];
  let paragraphBreaks = 0;
  let missingSpaces = 0;
  // The paragraph being built, as pieces plus running counts, so long lines stay linear.
  let current: string[] = [];
  let currentWords = 0;
  let currentQuotes: QuoteState = { straight: 0, curly: 0 };
  let currentIsBoilerplate = false;
  for (let index = 0; index + 1 < cuts.length; index++) {
    const piece = line.slice(cuts[index], cuts[index + 1]);
    const words = wordsIn(piece);
    const quotes = quoteStateOf(piece);
    const boilerplate = matchBoilerplatePattern(piece) !== null;
    // A piece that ends without punctuation where the next paragraph starts is a heading or a
    // list item: short, but a paragraph of its own.
    const unpunctuated = seams[index - 1]?.punctuated === false || seams[index]?.punctuated === false;
    // Quote counts mislead across a glue without punctuation (inch marks: '34" monitor'), and
    // such a glue never falls inside a quotation anyway.
    const gluedWithoutPunctuation = seams[index - 1]?.punctuated === false;
    const keepsApart =
      current.length > 0 &&
      (gluedWithoutPunctuation ||
        (!quotationSpans(currentQuotes, quotes) &&
          (unpunctuated ||
            (currentWords >= minWords && words >= minWords) ||
            boilerplate ||
            currentIsBoilerplate)));
    if (current.length === 0 || keepsApart) {
      if (current.length > 0) {
        paragraphs.push(current.join(' ').trim());
        paragraphBreaks++;
      }
      current = [piece];
      currentWords = words;
      currentQuotes = quotes;
      currentIsBoilerplate = boilerplate;
    } else {
      current.push(piece);
      currentWords += words;
      currentQuotes = {
        straight: currentQuotes.straight + quotes.straight,
        curly: currentQuotes.curly + quotes.curly,
      };
      currentIsBoilerplate = false;
      missingSpaces++;
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' ').trim());
  const split = paragraphs.flatMap(splitLeadingFurniture).filter((paragraph) => paragraph !== '');
  paragraphBreaks += split.length - paragraphs.filter((paragraph) => paragraph !== '').length;
  return { paragraphs: split, paragraphBreaks, missingSpaces };
}

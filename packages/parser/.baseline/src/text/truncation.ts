import { ALL_STOPWORDS } from './stopwords.js';

// How a cut-off text ends: an ellipsis (possibly followed by the sentence's full stop, as in
// "treaties…."), a bracketed ellipsis, or a "continue reading" stub.
const ELLIPSIS_END = /(?:…|\.\s?\.\s?\.)[\s.)\]"'”’»]*$/u;
const BRACKETED_ELLIPSIS_END = /[[(]\s*(?:…|\.{3})\s*[\])]\s*$/u;
const CONTINUE_PHRASE =
  '(?:continue reading|read more|read the (?:full|rest of the|whole) (?:story|article)|keep reading|full story|click here to (?:read|continue)(?: reading)?|more\\s*(?:»|›|→|>>)|weiterlesen|mehr lesen|lire la suite|leer más|seguir leyendo|continua a leggere|leia mais|lees verder|читать далее)';
const STUB_TAIL = '[\\s.:…»›→>)\\]]*$';
const CONTINUE_STUB_END = new RegExp(`${CONTINUE_PHRASE}${STUB_TAIL}`, 'iu');
/** A line that is nothing but a cut-off marker: "Continue reading", "Read more »", "[…]", "(more…)". */
const STUB_LINE = new RegExp(
  `^(?:${CONTINUE_PHRASE}|[[(]?\\s*(?:…|\\.{3})\\s*(?:more\\s*(?:…|\\.{3})?)?\\s*[\\])]?)${STUB_TAIL}`,
  'iu',
);
const MORE_ELLIPSIS_LINE = /^[[(]\s*more\s*(?:…|\.{3})\s*[\])]$/iu;
/**
 * A long last paragraph that stops mid-clause was cut: it ends in a comma, colon, dash, or a
 * function word no sentence ends with ("…would be ready by the", "…the troops were").
 */
const MID_CLAUSE_PUNCTUATION = /[,;:–-]$/u;
const LAST_WORD = /([\p{L}']+)$/u;
const MID_CLAUSE_MIN_WORDS = 12;

/** Whether a whole line is only a cut-off marker ("Continue reading", "Read more »", "[…]"). */
export function isContinueReadingStub(line: string): boolean {
  const trimmed = line.trim();
  return STUB_LINE.test(trimmed) || MORE_ELLIPSIS_LINE.test(trimmed);
}

const TRAILING_STUB = new RegExp(`(?<=[.!?…"”’)\\s])\\s*(${CONTINUE_PHRASE}${STUB_TAIL})`, 'iu');

/**
 * A paragraph that ends in a "Read more" / "Continue reading" stub, split into the paragraph and
 * the stub; null when it has none (or is nothing but one).
 */
export function splitTrailingStub(paragraph: string): { body: string; stub: string } | null {
  const match = TRAILING_STUB.exec(paragraph);
  if (!match || match.index === 0) return null;
  const body = paragraph.slice(0, match.index).trim();
  return body === '' ? null : { body, stub: match[1]!.trim() };
}

/**
 * True when the text looks cut off: it ends in an ellipsis ("…", "...", "treaties…."), "[…]", a
 * "continue reading"/"read more" stub, or a long last paragraph that stops mid-clause (on a comma
 * or a function word like "the", "of", "were").
 */
export function isTruncatedText(text: string): boolean {
  const trimmed = text.trimEnd();
  if (trimmed === '') return false;
  if (ELLIPSIS_END.test(trimmed) || BRACKETED_ELLIPSIS_END.test(trimmed) || CONTINUE_STUB_END.test(trimmed)) {
    return true;
  }
  const lastParagraph = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  if (lastParagraph.split(/\s+/).length < MID_CLAUSE_MIN_WORDS) return false;
  // Lower case only: "World War I" or "vitamin E" end on a capital, not a function word.
  const lastWord = LAST_WORD.exec(lastParagraph)?.[1];
  return (
    MID_CLAUSE_PUNCTUATION.test(lastParagraph) ||
    (lastWord !== undefined && /^\p{Ll}/u.test(lastWord) && ALL_STOPWORDS.has(lastWord))
  );
}

import { signatureWords } from '../text/words.js';

// Many publishers declare the story's text in JSON-LD (articleBody). When that text is complete,
// it is the publisher's own answer to "what is the article": a block of the extracted body that
// shares (almost) nothing with it is a caption, a bio or a promo the page put around the story.

/** A declared body shorter than this (words) is a summary or a teaser, not the story. */
export const DECLARED_BODY_MIN_WORDS = 80;
/**
 * Share of the declared body's word triples the extracted body must hold for the declaration to
 * be trusted: below it the declaration is another text (a teaser, a different language).
 */
export const DECLARED_BODY_MIN_COVERAGE = 0.8;
/**
 * Share of the extracted body's word triples the declared body must hold: a declared body cut to
 * its first few hundred characters is a prefix, not the whole story.
 */
export const DECLARED_BODY_MIN_SHARE_OF_EXTRACTED = 0.6;
/** A block keeps its place when at least this share of its word triples is declared. */
export const DECLARED_BLOCK_MIN_SHARE = 0.3;

const TRIPLE = 3;

function triplesOf(words: readonly string[]): string[] {
  if (words.length < TRIPLE) return words.length ? [words.join(' ')] : [];
  const triples: string[] = [];
  for (let index = 0; index + TRIPLE <= words.length; index++)
    triples.push(words.slice(index, index + TRIPLE).join(' '));
  return triples;
}

/**
 * For each block of the extracted body, whether the page's declared body leaves it out; null when
 * there is no declared body to trust (none, too short, or not the text we extracted).
 */
export function undeclaredBlocks(texts: readonly string[], declared: string | null): boolean[] | null {
  if (!declared) return null;
  const declaredWords = signatureWords(declared.replace(/<[^>]*>/g, ' '));
  if (declaredWords.length < DECLARED_BODY_MIN_WORDS) return null;
  const declaredTriples = new Set(triplesOf(declaredWords));
  const declaredText = ` ${declaredWords.join(' ')} `;
  const blockTriples = texts.map((text) => triplesOf(signatureWords(text)));
  const extracted = new Set(blockTriples.flat());
  let covered = 0;
  for (const triple of declaredTriples) if (extracted.has(triple)) covered++;
  if (covered < declaredTriples.size * DECLARED_BODY_MIN_COVERAGE) return null;
  const allExtracted = blockTriples.flat();
  const declaredShare = allExtracted.filter((triple) => declaredTriples.has(triple)).length;
  if (declaredShare < allExtracted.length * DECLARED_BODY_MIN_SHARE_OF_EXTRACTED) return null;
  return blockTriples.map((triples) => {
    if (triples.length === 0) return false;
    if (triples.length === 1) return !declaredText.includes(` ${triples[0]} `);
    const shared = triples.filter((triple) => declaredTriples.has(triple)).length;
    return shared < triples.length * DECLARED_BLOCK_MIN_SHARE;
  });
}

import { type ArticleDraft, finishArticle } from '../article/finish-article.js';
import type { Article, ArticleWarning } from '../article/types.js';
import { tryCanonicalUrl } from '../url/index.js';
import { cleanLines, stripHtmlTags } from './clean-input.js';
import { detectLanguage } from './detect-language.js';
import { DEFAULT_MIN_GLUED_PARAGRAPH_WORDS, splitGluedSentences } from './glued-sentences.js';
import { type LineEvidence, lineEvidence } from './line-evidence.js';
import { datelineDate, type LineMetadata, readMetadataLine } from './scraped-metadata.js';
import { ScrapedTextError } from './scraped-text-error.js';
import { isTitleCandidate, splitSiteName } from './scraped-title.js';
import { splitTrailingStub } from './truncation.js';
import { repeatedCamelNames } from './unpunctuated-seams.js';
import { normalizeForSignature } from './words.js';

export interface NormalizeScrapedTextOptions {
  /** Where the text was scraped from: becomes `url` and, canonicalized, `canonicalUrl`. */
  url?: string;
  /** The title when known (from the feed item): then no line is guessed as the title. */
  title?: string;
  /** Longest input read, in characters; the rest is ignored with a warning. */
  maxInputChars?: number;
  /**
   * Where a scraper glued sentences ("10.The"), a fragment with fewer words than this stays
   * in its paragraph (a missing space) instead of becoming one. Default
   * DEFAULT_MIN_GLUED_PARAGRAPH_WORDS.
   */
  minGluedParagraphWords?: number;
}

/** Default for `maxInputChars`: far beyond any article, small enough to bound the work. */
export const DEFAULT_MAX_INPUT_CHARS = 1_000_000;
/** A kept non-prose line this short in the body is a subheading. */
const SUBHEADING_MAX_WORDS = 15;
/** Repeats of lines at least this long inside the story are dropped. */
const DUPLICATE_MIN_WORDS = 8;
/**
 * Furniture after a story is a handful of short lines. Non-prose lines after the last prose
 * paragraph that add up to this share of the story's words are content (a list, a recipe, a
 * schedule), not furniture.
 */
const CONTENT_TAIL_SHARE = 0.5;

/** Index of the story's last piece: the last prose paragraph, or beyond it when a long list follows. */
function storyTail(pieces: readonly Piece[], lastProse: number): number {
  const tail = pieces.slice(lastProse + 1);
  const tailWords = tail.reduce(
    (sum, piece) => sum + (piece.evidence.boilerplate ? 0 : piece.evidence.words),
    0,
  );
  const storyWords = pieces.slice(0, lastProse + 1).reduce((sum, piece) => sum + piece.evidence.words, 0);
  if (tailWords < storyWords * CONTENT_TAIL_SHARE) return lastProse;
  let end = pieces.length - 1;
  while (end > lastProse && pieces[end]!.evidence.boilerplate) end--;
  return end;
}

/**
 * Whether the first prose piece is the headline: a whole line, headline-sized, not ending a
 * sentence, with no headline-shaped line above it, followed by a longer story line.
 */
function isLeadingHeadline(pieces: readonly Piece[], first: number, next: number): boolean {
  const piece = pieces[first]!;
  // A one-line paragraph ending a sentence is the lede, unless the story below is a glued blob.
  const endsSentence = /[.…]["”’]?$/u.test(piece.text);
  if (endsSentence && pieces[next]!.wholeLine) return false;
  const headline = endsSentence ? piece.text.replace(/[.…]+(["”’]?)$/u, '$1') : piece.text;
  if (!piece.wholeLine || !isTitleCandidate(headline, piece.evidence)) return false;
  if (
    pieces.slice(0, first).some((above) => above.wholeLine && isTitleCandidate(above.text, above.evidence))
  ) {
    return false;
  }
  const storyLine = pieces[next]!.line;
  const storyLineChars = pieces.reduce(
    (sum, other) => sum + (other.line === storyLine ? other.text.length : 0),
    0,
  );
  return storyLineChars > piece.text.length;
}

/** Boilerplate that introduces a list of other stories' headlines, one per line. */
const RELATED_LABELS = new Set(['read-more', 'related-list']);
const RELATED_LABEL_MAX_WORDS = 4;
const SITE_NAME_FROM_FOOTER = /^the post .+ appeared first on (.+?)\.?$/iu;

interface Piece {
  text: string;
  evidence: LineEvidence;
  /** The piece is a whole input line, not a paragraph split out of a glued one. */
  wholeLine: boolean;
  /** Index of the input line the piece came from. */
  line: number;
}

/**
 * The story's first and last piece, widened to the whole glued lines its prose came from: a
 * scraper glues the story's paragraphs into one line, headings and a cut-off last paragraph with
 * them, while furniture sits on lines of its own.
 */
function widenToLines(pieces: readonly Piece[], first: number, last: number): [number, number] {
  let start = first;
  while (start > 0 && pieces[start - 1]!.line === pieces[first]!.line) start--;
  let end = last;
  while (end + 1 < pieces.length && pieces[end + 1]!.line === pieces[last]!.line) end++;
  return [start, end];
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => HTML_ESCAPES[char]!);
}

function mergeMetadata(into: LineMetadata, from: LineMetadata): void {
  into.publishedAt ??= from.publishedAt;
  into.updatedAt ??= from.updatedAt;
  into.byline ??= from.byline;
  if (from.zoneAssumed) into.zoneAssumed = true;
}

function splitIntoPieces(
  lines: readonly string[],
  minParagraphWords: number,
  warnings: ArticleWarning[],
): Piece[] {
  const pieces: Piece[] = [];
  let breaks = 0;
  let spaces = 0;
  const knownNames = repeatedCamelNames(lines.join('\n'));
  for (const [lineIndex, line] of lines.entries()) {
    if (line === '') continue;
    const split = splitGluedSentences(line, { knownNames, minParagraphWords });
    breaks += split.paragraphBreaks;
    spaces += split.missingSpaces;
    const wholeLine = split.paragraphs.length === 1;
    for (const text of split.paragraphs)
      pieces.push({ text, evidence: lineEvidence(text), wholeLine, line: lineIndex });
  }
  if (breaks > 0) {
    warnings.push({
      code: 'GLUED_PARAGRAPHS_SPLIT',
      message: `Split ${breaks} paragraphs that were glued together`,
    });
  }
  if (spaces > 0) {
    warnings.push({
      code: 'MISSING_SPACES_INSERTED',
      message: `Inserted ${spaces} missing spaces after sentences`,
    });
  }
  return pieces;
}

/**
 * Turns scraped article text into the same Article record extractArticle gives for HTML: drops the
 * furniture around the story by line-level evidence (recorded in `removed`), reads title, byline and
 * visible dates, splits paragraphs a scraper glued together, and finishes with finishArticle.
 */
export function normalizeScrapedText(text: string, options: NormalizeScrapedTextOptions = {}): Article {
  if (typeof text !== 'string') {
    throw new ScrapedTextError(`normalizeScrapedText expects a string, got ${typeof text}`);
  }
  const warnings: ArticleWarning[] = [];
  const maxChars = options.maxInputChars ?? DEFAULT_MAX_INPUT_CHARS;
  let input = text;
  if (input.length > maxChars) {
    warnings.push({
      code: 'INPUT_TOO_LARGE',
      message: `Read the first ${maxChars} of ${input.length} characters (maxInputChars)`,
    });
    input = input.slice(0, maxChars);
  }

  const markup = stripHtmlTags(input);
  if (markup.stripped)
    warnings.push({ code: 'HTML_TAGS_STRIPPED', message: 'The text carried HTML tags; they were removed' });
  const minParagraphWords = options.minGluedParagraphWords ?? DEFAULT_MIN_GLUED_PARAGRAPH_WORDS;
  const pieces = splitIntoPieces(cleanLines(markup.text), minParagraphWords, warnings);
  const storyIndexes = pieces.flatMap((piece, index) =>
    piece.evidence.prose && !piece.evidence.boilerplate ? [index] : [],
  );
  let title = options.title?.trim() || null;
  const guessTitle = title === null;
  // A headline long enough to read as prose ("Emirates inks $9 billion order ... by early 2020s")
  // heads the story when it stands on its own line right above it.
  let leadingHeadline = -1;
  if (
    guessTitle &&
    storyIndexes.length >= 2 &&
    isLeadingHeadline(pieces, storyIndexes[0]!, storyIndexes[1]!)
  ) {
    leadingHeadline = storyIndexes.shift()!;
  }
  const hasProse = storyIndexes.length > 0;
  const [first, lastOfLine] = hasProse
    ? widenToLines(pieces, storyIndexes[0]!, storyIndexes.at(-1)!)
    : [0, pieces.length - 1];
  const last = hasProse ? storyIndexes.at(-1)! : pieces.length - 1;
  if (!hasProse)
    warnings.push({
      code: 'NO_STORY_TEXT',
      message: 'No line reads as story prose; kept every line that is not boilerplate',
    });

  const storyEnd = hasProse ? Math.max(storyTail(pieces, last), lastOfLine) : last;
  const language = detectLanguage(storyIndexes.map((index) => pieces[index]!.text).join('\n'));
  const dateOptions = { monthFirst: language === 'en' };

  const titleKey = title ? normalizeForSignature(title) : null;
  const metadata: LineMetadata = {};
  const removed: string[] = [];
  const kept: Array<{ text: string; heading: boolean }> = [];
  const seen = new Set<string>();
  let siteName: string | null = null;
  let cutOff = false;
  let inRelatedBlock = false;

  // The title is the story-nearest headline-shaped line above the first prose paragraph.
  let titleIndex = -1;
  if (guessTitle && hasProse) {
    for (let index = first - 1; index >= 0; index--) {
      const piece = pieces[index]!;
      if (readMetadataLine(piece.text, dateOptions)) continue;
      // A piece split out of a glued line is a heading inside the story, not the title.
      if (index === leadingHeadline || (piece.wholeLine && isTitleCandidate(piece.text, piece.evidence))) {
        titleIndex = index;
        title = piece.text;
        siteName = splitSiteName(piece.text).siteName;
        break;
      }
    }
  }
  const foundTitleKey = titleKey ?? (title ? normalizeForSignature(title) : null);
  let titleLineSeen = titleIndex >= 0;

  for (const [index, piece] of pieces.entries()) {
    if (index === titleIndex) continue;
    const { evidence } = piece;
    const key = normalizeForSignature(piece.text);
    const inStory = index >= first && index <= storyEnd;
    const meta = evidence.prose ? null : readMetadataLine(piece.text, dateOptions);
    if (meta) {
      mergeMetadata(metadata, meta);
      continue;
    }
    if (key !== '' && key === foundTitleKey) {
      // The title's own line is metadata; repeats of it (a content farm prints it twice) are dropped.
      if (titleLineSeen || index > first) removed.push(piece.text);
      titleLineSeen = true;
      continue;
    }
    const footerSite = SITE_NAME_FROM_FOOTER.exec(piece.text)?.[1];
    if (footerSite) siteName ??= footerSite.trim();
    const droppedAsFurniture =
      evidence.boilerplate !== null ||
      (hasProse && !inStory && !evidence.prose) ||
      (evidence.allCaps &&
        !evidence.prose &&
        (pieces[index - 1]?.evidence.allCaps || pieces[index + 1]?.evidence.allCaps));
    // A repeated paragraph is a scraping artefact; a repeated short line may be a list item.
    const duplicate = key !== '' && seen.has(key) && (evidence.words >= DUPLICATE_MIN_WORDS || !inStory);
    // Headlines listed under a "Read more:" or "Related" label belong to that block.
    const relatedHeadline = inRelatedBlock && !evidence.prose;
    if (droppedAsFurniture || duplicate || relatedHeadline) {
      removed.push(piece.text);
      if (RELATED_LABELS.has(evidence.boilerplate ?? '') && evidence.words <= RELATED_LABEL_MAX_WORDS) {
        inRelatedBlock = true;
      }
      continue;
    }
    inRelatedBlock = false;
    seen.add(key);
    kept.push({
      text: piece.text,
      heading: !evidence.prose && !evidence.endsSentence && evidence.words <= SUBHEADING_MAX_WORDS,
    });
  }

  const lastBlock = kept.at(-1);
  const trailingStub = lastBlock ? splitTrailingStub(lastBlock.text) : null;
  if (lastBlock && trailingStub) {
    lastBlock.text = trailingStub.body;
    removed.push(trailingStub.stub);
    cutOff = true;
  }
  const paragraphs = kept.map((block) => block.text);
  metadata.publishedAt ??= paragraphs[0]
    ? (datelineDate(paragraphs[0], dateOptions) ?? undefined)
    : undefined;
  if (metadata.zoneAssumed) {
    warnings.push({
      code: 'DATE_ZONE_ASSUMED',
      message: 'A printed time had no time zone and was read as UTC',
    });
  }
  const url = options.url ?? null;
  const canonicalUrl = url ? tryCanonicalUrl(url) : null;
  if (url && !canonicalUrl)
    warnings.push({ code: 'INVALID_URL', message: `Not a URL: ${JSON.stringify(url)}` });

  const draft: ArticleDraft = {
    url,
    canonicalUrl,
    title,
    byline: metadata.byline ?? null,
    siteName,
    publishedAt: metadata.publishedAt ?? null,
    updatedAt: metadata.updatedAt ?? null,
    // Detected from the story lines above; finishArticle would only detect it again.
    language,
    excerpt: null,
    leadImageUrl: null,
    contentHtml: kept
      .map((block) =>
        block.heading ? `<h2>${escapeHtml(block.text)}</h2>` : `<p>${escapeHtml(block.text)}</p>`,
      )
      .join('\n'),
    paragraphs,
    removed,
    warnings,
    truncated: cutOff,
    wireEvidence: [input.slice(0, 2000), ...removed].join('\n'),
  };
  return finishArticle(draft);
}

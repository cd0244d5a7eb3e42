import type { CheerioAPI } from 'cheerio/slim';
import { load } from 'cheerio/slim';
import { collapseWhitespace } from '../html/html-to-text.js';
import { sanitizeHtml } from '../html/sanitize-html.js';
import { countWords } from '../text/words.js';
import { blockParagraphs } from './block-text.js';
import { capHtmlNesting } from './cap-html-nesting.js';
import { decodeHtml } from './decode-html.js';
import {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_ELEMENTS,
  DEFAULT_MAX_READABILITY_CHARS,
  DEFAULT_MAX_READABILITY_COST,
  DEFAULT_MAX_TEXT_CHARS,
  DEFAULT_TIME_BUDGET_MS,
  type ExtractArticleOptions,
  MIN_ARTICLE_WORDS,
} from './extract-options.js';
import { type ExtractionTuning, resolveTuning } from './extraction-tuning.js';
import { densestBlockParagraphs } from './fallback-extract.js';
import { finishArticle } from './finish-article.js';
import { flattenDeepNesting } from './flatten-nesting.js';
import { cleanByline, headFinder, readPageMetadata } from './metadata/page-metadata.js';
import { linkedHeadingCount, nonArticleKind, pageHeading, pageKindDoubts } from './page-kind.js';
import { firstText, proseLength, textDepthCost, textOf, walkElements } from './page-walk.js';
import { postcleanContent } from './postclean.js';
import { precleanPage } from './preclean.js';
import { withReadability } from './readability-stage.js';
import { findSiteRule, SITE_RULES } from './site-rules.js';
import { TimeBudget } from './time-budget.js';
import type { Article, ArticleWarning } from './types.js';

interface Body {
  contentHtml: string;
  paragraphs: string[];
  removed: string[];
  byline: string | null;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The cleaned page as a small document for jsdom: the title (Readability compares headings with it) and the body. */
function cleanedDocument($: CheerioAPI): string {
  const title = escapeHtml(firstText($('head > title')));
  const body = $('body').html() ?? $.root().html() ?? '';
  return `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

function readabilityBody(
  html: string,
  url: string,
  context: { title: string | null; declaredBody: string | null; tuning: ExtractionTuning },
): Body | null {
  return withReadability(html, url, (result) => {
    if (!result) return null;
    const removed: string[] = [];
    postcleanContent(result.content, removed, context);
    return {
      contentHtml: sanitizeHtml(result.content.innerHTML, { baseUrl: url }),
      paragraphs: blockParagraphs(result.content),
      removed,
      byline: result.byline,
    };
  });
}

/** The first paragraphs, up to `maxChars` characters in all, with a warning when some are dropped. */
function capParagraphs(body: Body, maxChars: number, warnings: ArticleWarning[]): Body {
  let total = 0;
  let kept = 0;
  // As the text joins them: a blank line between paragraphs.
  const separator = 2;
  while (kept < body.paragraphs.length) {
    const next = total + (kept > 0 ? separator : 0) + body.paragraphs[kept]!.length;
    if (next > maxChars) break;
    total = next;
    kept++;
  }
  if (kept === body.paragraphs.length) return body;
  warnings.push({
    code: 'TEXT_TRUNCATED',
    message: `Kept ${kept} of ${body.paragraphs.length} paragraphs: the text exceeds maxTextChars ${maxChars}`,
  });
  const paragraphs = body.paragraphs.slice(0, kept);
  return {
    ...body,
    paragraphs,
    contentHtml: paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n'),
  };
}

function fallbackBody($: CheerioAPI): Body {
  const paragraphs = densestBlockParagraphs($);
  return {
    contentHtml: paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n'),
    paragraphs,
    removed: [],
    byline: null,
  };
}

/**
 * Extracts the article of a news page: decodes it, reads the metadata, drops furniture with cheerio,
 * lets Readability choose the body on jsdom, post-cleans it and builds the text. Deep nesting is
 * flattened first; pages past maxElements, maxReadabilityChars or timeBudgetMs get a densest-block
 * extraction, and text past maxTextChars is dropped, each with a warning.
 *
 * @returns null when the page has no article (a home page, a login wall, an error page, almost no text).
 * @throws ArticleExtractionError only when the input cannot be read at all.
 */
export async function extractArticle(
  html: string | Uint8Array,
  options: ExtractArticleOptions,
): Promise<Article | null> {
  const budget = new TimeBudget(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const url = options.url;
  const maxElements = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const maxReadabilityChars = options.maxReadabilityChars ?? DEFAULT_MAX_READABILITY_CHARS;
  const maxReadabilityCost = options.maxReadabilityCost ?? DEFAULT_MAX_READABILITY_COST;
  const warnings: ArticleWarning[] = [];
  const tuning = resolveTuning(options.tuning);

  // Absurd nesting makes the HTML parser quadratic and every later stage slow or recursive: it is
  // capped on the markup before parsing, and flattened in the tree for what the scan cannot see.
  const decoded = decodeHtml(html, url, options.contentType);
  const capped = capHtmlNesting(decoded, maxDepth);
  const $ = load(capped?.html ?? decoded);
  let shape = walkElements($.root()[0]!, () => true);
  const flattened = shape.maxDepth > maxDepth ? flattenDeepNesting($.root()[0]!, maxDepth) : 0;
  if (capped || flattened > 0) {
    warnings.push({
      code: 'PAGE_TOO_COMPLEX',
      message: `Nesting deeper than maxDepth ${maxDepth} flattened (${capped?.removed ?? 0} tags removed, ${flattened} subtrees flattened)`,
    });
    shape = walkElements($.root()[0]!, () => true);
  }
  // On a pathological page (or a late one) every selector over the whole tree is slow: read
  // metadata from <head>.
  const tooComplex = shape.elements > maxElements || capped !== null || flattened > 0;
  const headOnly = tooComplex || budget.spent();
  const metadata = readPageMetadata($, url, headOnly ? headFinder($) : undefined);
  warnings.push(...metadata.warnings);
  const heading = pageHeading($);
  const hasPasswordField = $('input[type="password" i]').length > 0;

  const siteRule = findSiteRule(url, options.siteRules ?? SITE_RULES);
  const siteByline = siteRule?.byline ? cleanByline(firstText($(siteRule.byline))) : null;
  if (siteRule?.content) {
    const content = $(siteRule.content).first();
    if (content.length) $('body').empty().append(content);
  }
  precleanPage($, siteRule, tuning);
  const bodyNode = $('body')[0] ?? $.root()[0]!;
  const signals = {
    url,
    metadata,
    heading,
    hasPasswordField,
    cleanedText: collapseWhitespace(textOf(bodyNode)),
    proseChars: proseLength(bodyNode),
    linkedHeadings: linkedHeadingCount($),
  };
  if (nonArticleKind(signals)) return null;
  warnings.push(...pageKindDoubts(signals));

  let body: Body | null = null;
  // Readability's time and memory grow with the page's size and its text times its depth: a page
  // past any of the caps, or past its budget, skips it.
  const document = tooComplex || budget.spent() ? null : cleanedDocument($);
  const cost = document === null ? 0 : textDepthCost(bodyNode);
  const reason =
    shape.elements > maxElements
      ? `${shape.elements} elements exceed maxElements ${maxElements}`
      : tooComplex
        ? `nesting deeper than maxDepth ${maxDepth}`
        : document === null
          ? `${Math.round(budget.elapsedMs())} ms spent before extraction exceed timeBudgetMs ${budget.limitMs}`
          : document.length > maxReadabilityChars
            ? `${document.length} characters of cleaned HTML exceed maxReadabilityChars ${maxReadabilityChars}`
            : cost > maxReadabilityCost
              ? `Readability cost ${cost} (text characters times depth) exceeds maxReadabilityCost ${maxReadabilityCost}`
              : null;
  if (reason !== null || document === null) {
    warnings.push({ code: 'PAGE_TOO_COMPLEX', message: `Simplified extraction: ${reason}` });
  } else {
    // Yield between the cheap stage and the expensive one, so a batch does not starve the loop.
    await new Promise((resolve) => setImmediate(resolve));
    body = readabilityBody(document, url, {
      title: metadata.title,
      declaredBody: metadata.declaredBody,
      tuning,
    });
  }
  body ??= fallbackBody($);
  // Readability (or post-cleaning) left almost nothing: the densest block of the cleaned page is a
  // better answer than none, flagged so the caller knows it is a second choice.
  const chosenWords = countWords(body.paragraphs.join(' '));
  if (chosenWords < MIN_ARTICLE_WORDS && reason === null && document !== null) {
    const densest = fallbackBody($);
    if (countWords(densest.paragraphs.join(' ')) >= MIN_ARTICLE_WORDS) {
      warnings.push({
        code: 'DENSEST_BLOCK_FALLBACK',
        message: `The chosen body had ${chosenWords} words; the page's densest block was used instead`,
      });
      body = densest;
    }
  }
  body = capParagraphs(body, options.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS, warnings);
  if (countWords(body.paragraphs.join(' ')) < MIN_ARTICLE_WORDS) return null;

  return finishArticle({
    url,
    canonicalUrl: metadata.canonicalUrl,
    title: metadata.title,
    byline: metadata.byline ?? siteByline ?? cleanByline(body.byline),
    siteName: metadata.siteName,
    publishedAt: metadata.publishedAt,
    updatedAt: metadata.updatedAt,
    language: metadata.language,
    excerpt: metadata.excerpt,
    leadImageUrl: metadata.leadImageUrl,
    contentHtml: body.contentHtml,
    paragraphs: body.paragraphs,
    removed: body.removed,
    warnings,
    // Bylines are credit lines: "Reuters" as a page's author (JSON-LD, meta) credits the agency.
    wireEvidence: [metadata.byline ?? '', siteByline ?? '', body.byline ?? '', ...body.removed].join('\n'),
  });
}

import { WIRE_AGENCIES } from './wire-agencies.js';

// A text is the agency's when it carries the agency's credit: a dateline ("GENEVA (AFP) —"), a
// credit line or signature ("— AFP", "By Jane Doe | Reuters", "© AFP 2026"). A mention in prose
// ("according to Reuters") cites a source and does not count; the agency's own reporting voice
// ("told AFP", "an AFP tally") counts, less than a credit, since scrapers drop datelines.
const CREDIT = 2;
const OWN_REPORTING = 1;

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words after an agency pair ("Reuters/Ipsos") that make it a poll's name, not a photo credit. */
const POLL_AFTER = '(?!\\s+(?:poll|polls|polling|survey|surveys|data)(?![\\p{L}\\p{N}]))';

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** A token as a whole word; in Chinese or Japanese, where words are not spaced, anywhere. */
function wordPattern(token: string): string {
  const escaped = escapeRegExp(token);
  return UNSPACED_SCRIPT.test(token) ? escaped : `${NOT_WORD_BEFORE}${escaped}${NOT_WORD_AFTER}`;
}

/** The positions where a name or short form is a credit and not an ordinary word. */
function creditPatterns(token: string): RegExp[] {
  const t = wordPattern(token);
  const inParens = `\\(\\s*(?:[^()\\n]{0,30}[/,=]\\s*)?${t}(?:\\s*[/,][^()\\n]{0,30})?\\s*\\)`;
  return [
    // Dateline credit: "WASHINGTON (AP) —", "ROMA, 12 GEN - (ANSA)", "MADRID, 3 ene (EFE).-",
    // "(서울=연합뉴스)", "(AFP/dpa):", or a parenthesised credit ending a line.
    new RegExp(`(?:^|[\\p{Lu}\\d,\\-–—]\\s*)${inParens}|${inParens}\\s*\\.?\\s*(?:[-–—:]|$)`, 'mu'),
    // Slashed and bracketed datelines: "MOSCOW, March 3. /TASS/.", "【札幌共同】".
    new RegExp(`/\\s*${t}\\s*/|【[^【】\\n]{0,20}${t}`, 'u'),
    // Trailing credit line or signature: "— AP", "/ AFP", "AFP" alone on a line.
    new RegExp(`(?:^|[-–—/|]\\s*)${t}\\s*(?:[-–—/]\\s*[\\p{L}. ]{0,30})?$`, 'mu'),
    // Byline lines: "By Jane Doe, AFP", "Reuters, Beijing", "AFP · 20 Nov 2019".
    new RegExp(`^\\s*(?:[Bb]y\\s+[^\\n]{1,60}?[,|·•]\\s*${t}\\s*|${t}\\s*[,|·•]\\s*[^\\n.!?]{0,40})$`, 'mu'),
    // "© AFP 2024", "Copyright 2024 The Associated Press".
    new RegExp(`(?:©|\\([cC]\\)|[Cc]opyright|COPYRIGHT)\\s*(?:\\d{4}\\s*)?(?:[Tt]he\\s+)?${t}`, 'u'),
    // Photo credits and agency pairs: "AP Photo", "dpa/AFP", "Photo: Jane Doe/AP" (not the
    // "Reuters/Ipsos poll").
    new RegExp(
      `${t}\\s+(?:Photo|Foto|Images?|Video)\\b|${t}/\\p{L}+(?![\\p{L}\\p{N}-])${POLL_AFTER}|\\p{L}/${t}${POLL_AFTER}`,
      'u',
    ),
    // Labels: "Source: PTI", "Quelle: dpa", "With AP", "AP contributed to this report".
    new RegExp(
      `(?:(?:[Ss]ources?|[Qq]uelle|[Ff]uente|[Ff]onte|[Bb]ron|[Cc]redit|[Vv]ia)\\s*[:：]|(?:^|\\()\\s*(?:[Ww]ith|[Mm]it [Mm]aterial von))\\s*(?:[^\\n]{0,30}[,/]\\s*)?${t}|${t}\\s+contributed\\b`,
      'mu',
    ),
    // "with AFP" closing a line after a signature or a sentence: "— Jane Doe, with AFP".
    new RegExp(`(?:[-–—,;.]|^)\\s*[Ww]ith\\s+(?:the\\s+)?${t}\\s*\\)?\\.?\\s*$`, 'mu'),
    // Syndication lines: "This article was originally published by Agence France-Presse".
    new RegExp(
      `(?:^|[.(]\\s*)(?:[Tt]h(?:is|e) (?:article|story|report|content) (?:was|is|has been) )?(?:[Ff]irst |[Oo]riginally )?(?:[Pp]ublished|[Dd]istributed|[Pp]rovided|[Ww]ritten|[Ss]yndicated) by (?:[Tt]he )?${t}`,
      'mu',
    ),
  ];
}

function namePattern(name: string): RegExp {
  return new RegExp(wordPattern(name), 'gu');
}

/**
 * A mention in the agency's own reporting voice: the source spoke to it ("told AFP", "said to
 * Reuters") or it did the counting ("an AFP tally", "an AFP correspondent"). Anything else in
 * prose ("a Reuters poll", "according to Reuters", "Reuters reported") is a citation.
 */
const OWN_REPORTING_BEFORE =
  /(?<![\p{L}\p{N}])(?:told|tells|telling|said to|speaking to|spoke to|confirmed to|confirmed this to)\s+(?:the\s+)?$/iu;
const OWN_REPORTING_AFTER =
  /^(?:'s|’s)?\s+(?:tally|count|correspondent|journalist|reporter|photographer|team|crew|reporters|journalists|correspondents)(?![\p{L}\p{N}])/iu;

function isOwnReporting(text: string, index: number, length: number): boolean {
  return (
    OWN_REPORTING_AFTER.test(text.slice(index + length, index + length + 30)) ||
    OWN_REPORTING_BEFORE.test(text.slice(Math.max(0, index - 30), index))
  );
}

interface TokenPatterns {
  /** Set for names, which count anywhere. */
  mention: RegExp | null;
  credits: RegExp[];
}

interface AgencyToken {
  /** The literal: a text without it cannot match its patterns, so most agencies cost one scan. */
  token: string;
  isName: boolean;
  /** Compiled on first use: compiling every agency's patterns at import cost about a second. */
  patterns?: TokenPatterns;
}

interface Agency {
  id: string;
  tokens: AgencyToken[];
  signatures: readonly RegExp[];
}

function patternsOf(entry: AgencyToken): TokenPatterns {
  entry.patterns ??= {
    mention: entry.isName ? namePattern(entry.token) : null,
    credits: creditPatterns(entry.token),
  };
  return entry.patterns;
}

const AGENCIES: readonly Agency[] = WIRE_AGENCIES.map((agency) => ({
  id: agency.id,
  tokens: [
    ...agency.names.map((name) => ({ token: name, isName: true })),
    ...agency.codes.map((code) => ({ token: code, isName: false })),
  ],
  signatures: agency.signatures ?? [],
}));

interface Evidence {
  id: string;
  strength: number;
  count: number;
  firstIndex: number;
}

function evidenceFor(agency: Agency, text: string): Evidence | null {
  let strength = 0;
  let count = 0;
  let citations = 0;
  let firstIndex = Number.POSITIVE_INFINITY;
  for (const entry of agency.tokens) {
    if (!text.includes(entry.token)) continue;
    const { mention, credits } = patternsOf(entry);
    for (const match of mention ? text.matchAll(mention) : []) {
      if (!isOwnReporting(text, match.index, match[0].length)) {
        citations++;
        continue;
      }
      strength = Math.max(strength, OWN_REPORTING);
      count++;
      firstIndex = Math.min(firstIndex, match.index);
    }
    for (const pattern of credits) {
      const match = pattern.exec(text);
      if (!match) continue;
      strength = CREDIT;
      count++;
      firstIndex = Math.min(firstIndex, match.index);
    }
  }
  for (const signature of agency.signatures) {
    const match = signature.exec(text);
    if (!match) continue;
    strength = CREDIT;
    count++;
    firstIndex = Math.min(firstIndex, match.index);
  }
  // Without a credit, a text that cites the agency more than it speaks as it is about its reporting.
  if (strength === OWN_REPORTING && citations > count) return null;
  return strength === 0 ? null : { id: agency.id, strength, count, firstIndex };
}

/**
 * The news agency a text credits ("AFP", "AP", "Reuters"...; see WIRE_AGENCIES), or null. Full
 * names count anywhere, ambiguous short forms only in a credit position ("(AP) —", "© PA"), so "PA"
 * for Pennsylvania does not. Among several: a credit beats a mention, then the most cited, then the first.
 */
export function detectWire(text: string): string | null {
  let best: Evidence | null = null;
  for (const agency of AGENCIES) {
    const evidence = evidenceFor(agency, text);
    if (!evidence) continue;
    if (
      !best ||
      evidence.strength > best.strength ||
      (evidence.strength === best.strength &&
        (evidence.count > best.count ||
          (evidence.count === best.count && evidence.firstIndex < best.firstIndex)))
    ) {
      best = evidence;
    }
  }
  return best?.id ?? null;
}

import { WIRE_AGENCIES } from './wire-agencies.js';

// How sure a mention is that the text comes from the agency: a credit ("(AFP) —", "© Reuters",
// "— AP") beats a bare mention of an unambiguous name ("told AFP").
const CREDIT = 2;
const MENTION = 1;

const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The positions where a short form is a credit and not an ordinary word. */
function creditPatterns(token: string): RegExp[] {
  const t = `${NOT_WORD_BEFORE}${escapeRegExp(token)}${NOT_WORD_AFTER}`;
  const inParens = `\\(\\s*(?:[^()\\n]{0,30}[/,]\\s*)?${t}(?:\\s*[/,][^()\\n]{0,30})?\\s*\\)`;
  return [
    // Dateline credit: "WASHINGTON (AP) —", "(AFP/dpa):", or a parenthesised credit ending a line.
    new RegExp(`(?:^|[\\p{Lu}\\d,]\\s*)${inParens}|${inParens}\\s*(?:[-–—:]|$)`, 'mu'),
    // Trailing credit line or signature: "— AP", "/ AFP", "AFP" alone on a line.
    new RegExp(`(?:^|[-–—/|]\\s*)${t}\\s*(?:[-–—/]\\s*[\\p{L}. ]{0,30})?$`, 'mu'),
    // "© AFP 2024", "Copyright 2024 The Associated Press".
    new RegExp(`(?:©|\\([cC]\\)|[Cc]opyright|COPYRIGHT)\\s*(?:\\d{4}\\s*)?(?:[Tt]he\\s+)?${t}`, 'u'),
    // Photo credits and agency pairs: "AP Photo", "dpa/AFP", "Photo: Jane Doe/AP".
    new RegExp(`${t}\\s+(?:Photo|Foto|Images?|Video)\\b|${t}/[\\p{L}]|[\\p{L}]/${t}`, 'u'),
    // Labels: "Source: PTI", "Quelle: dpa", "With AP", "AP contributed to this report".
    new RegExp(
      `(?:(?:[Ss]ources?|[Qq]uelle|[Ff]uente|[Ff]onte|[Bb]ron|[Cc]redit|[Vv]ia)\\s*[:：]|(?:^|\\()\\s*(?:[Ww]ith|[Mm]it [Mm]aterial von))\\s*(?:[^\\n]{0,30}[,/]\\s*)?${t}|${t}\\s+contributed\\b`,
      'mu',
    ),
  ];
}

const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** A name as a whole word; in Chinese or Japanese, where words are not spaced, anywhere. */
function namePattern(name: string): RegExp {
  const escaped = escapeRegExp(name);
  return new RegExp(
    UNSPACED_SCRIPT.test(name) ? escaped : `${NOT_WORD_BEFORE}${escaped}${NOT_WORD_AFTER}`,
    'gu',
  );
}

/**
 * A mention that cites the agency as someone else's source ("according to Reuters", "Reuters
 * reported", "a Reuters poll") does not make the text the agency's; "told AFP" or "an AFP
 * correspondent" does, so those still count.
 */
const CITATION_BEFORE =
  /(?:according to|reported by|cited by|quoted by|quoting|citing|as first reported by|reports? from|in an? (?:interview|statement) (?:to|with))\s+(?:[\p{L}-]+\s+){0,3}$/iu;
const CITATION_AFTER =
  /^(?:'s)?\s*(?:news agency\s+)?(?:reported|reports|reporting|poll|survey|report|analysis|calculations|data|\/\s*ipsos|\/\s*\p{Lu})/u;

/** "according to an AFP tally", "an AFP correspondent": the agency's own reporting, not a citation. */
const OWN_REPORTING_AFTER =
  /^(?:'s)?\s+(?:tally|count|correspondent|journalist|reporter|photographer|team|crew)/iu;

function isCitation(text: string, index: number, length: number): boolean {
  if (OWN_REPORTING_AFTER.test(text.slice(index + length, index + length + 30))) return false;
  return (
    CITATION_BEFORE.test(text.slice(Math.max(0, index - 40), index)) ||
    CITATION_AFTER.test(text.slice(index + length, index + length + 40))
  );
}

interface CompiledToken {
  /** The literal: a text without it cannot match its patterns, so most agencies cost one scan. */
  token: string;
  /** Set for names, which count anywhere. */
  mention: RegExp | null;
  credits: RegExp[];
}

interface CompiledAgency {
  id: string;
  tokens: CompiledToken[];
}

const COMPILED: readonly CompiledAgency[] = WIRE_AGENCIES.map((agency) => ({
  id: agency.id,
  tokens: [
    ...agency.names.map((name) => ({
      token: name,
      mention: namePattern(name),
      credits: creditPatterns(name),
    })),
    ...agency.codes.map((code) => ({ token: code, mention: null, credits: creditPatterns(code) })),
  ],
}));

interface Evidence {
  id: string;
  strength: number;
  count: number;
  firstIndex: number;
}

function evidenceFor(agency: CompiledAgency, text: string): Evidence | null {
  let strength = 0;
  let count = 0;
  let citations = 0;
  let firstIndex = Number.POSITIVE_INFINITY;
  for (const { token, mention, credits } of agency.tokens) {
    if (!text.includes(token)) continue;
    for (const match of mention ? text.matchAll(mention) : []) {
      if (isCitation(text, match.index, match[0].length)) {
        citations++;
        continue;
      }
      strength = Math.max(strength, MENTION);
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
  // A text that mostly cites the agency ("Reuters reported", twice) is about its reporting, not by it.
  if (strength === MENTION && citations >= count) return null;
  return strength === 0 ? null : { id: agency.id, strength, count, firstIndex };
}

/**
 * The news agency a text credits ("AFP", "AP", "Reuters", "dpa", "EFE"...; see WIRE_AGENCIES), or
 * null. Full names and distinctive codes count anywhere ("told AFP", "Agence France-Presse");
 * ambiguous short forms only in a credit position ("(AP) —", "© PA", "AP Photo", "Source: PTI"), so
 * "map", "AP exams" or "PA" for Pennsylvania do not count. When several agencies appear, a credit
 * beats a mention, then the most often cited, then the first.
 */
export function detectWire(text: string): string | null {
  let best: Evidence | null = null;
  for (const agency of COMPILED) {
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

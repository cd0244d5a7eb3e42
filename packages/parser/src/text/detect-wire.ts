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
  let firstIndex = Number.POSITIVE_INFINITY;
  for (const { token, mention, credits } of agency.tokens) {
    if (!text.includes(token)) continue;
    for (const match of mention ? text.matchAll(mention) : []) {
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

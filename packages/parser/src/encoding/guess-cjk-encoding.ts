// A document declaring no encoding that is not UTF-8 is, outside Western Europe, most often in an
// East Asian multi-byte encoding; a wrong one fails to decode or yields another script's characters.
// Only a clear winner is taken, else the windows-1252 fallback applies.

interface Candidate {
  encoding: string;
  /** Whether a character belongs to the text this encoding is for. */
  native: (code: number) => boolean;
  /** At least this share of the non-ASCII characters must be native. */
  minNativeShare: number;
}

const isHangul = (code: number) => code >= 0xac00 && code <= 0xd7a3;
const isKana = (code: number) => code >= 0x3040 && code <= 0x30ff;
const isHan = (code: number) => (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
// Ideographic punctuation and full-width forms, written in all three languages.
const isCjkPunctuation = (code: number) =>
  (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e);

const JAPANESE = (code: number) => isKana(code) || isHan(code) || isCjkPunctuation(code);
const CHINESE = (code: number) => isHan(code) || isCjkPunctuation(code);

// In order of how specific the test is: Korean text is nearly all Hangul (Chinese or Japanese
// bytes read as EUC-KR give Hanja as well); Japanese has kana; Chinese is what remains. The first
// group with a plausible reading wins; within a group, the best score.
const CANDIDATE_GROUPS: readonly (readonly Candidate[])[] = [
  [{ encoding: 'euc-kr', native: (code) => isHangul(code) || isCjkPunctuation(code), minNativeShare: 0.9 }],
  [
    { encoding: 'shift_jis', native: JAPANESE, minNativeShare: 0.9 },
    { encoding: 'euc-jp', native: JAPANESE, minNativeShare: 0.9 },
  ],
  [
    { encoding: 'gb18030', native: CHINESE, minNativeShare: 0.95 },
    { encoding: 'big5', native: CHINESE, minNativeShare: 0.95 },
  ],
];

// The commonest characters of simplified and traditional Chinese text, which tell GB from Big5
// (and Shift_JIS from EUC-JP) when both decode cleanly.
const COMMON_CHARACTERS = new Set(
  '的一是不了在人有我他这這中大来來上国國个個到说說们們为為和地出道也时時年得就那要下以生会會自着著去之过過家学學对對可里裡后後小么麼心多天而能好都然没沒日于於起还還发發成事只作当當想看文无無开開手十用主行方又如前所本见見经經头頭面公同三已老从從动動两兩长長',
);
/** Japanese text is mostly kana; Chinese read as Japanese yields kanji with almost no kana. */
const MIN_KANA_SHARE_JAPANESE = 0.15;
/** Fewer non-ASCII characters than this prove nothing either way. */
const MIN_NON_ASCII = 8;

function score(text: string, candidate: Candidate): number | null {
  let nonAscii = 0;
  let native = 0;
  let kana = 0;
  let common = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) continue;
    nonAscii++;
    if (candidate.native(code)) native++;
    if (isKana(code)) kana++;
    if (COMMON_CHARACTERS.has(char)) common++;
  }
  if (nonAscii < MIN_NON_ASCII || native / nonAscii < candidate.minNativeShare) return null;
  const japanese = candidate.encoding === 'shift_jis' || candidate.encoding === 'euc-jp';
  if (japanese && kana / nonAscii < MIN_KANA_SHARE_JAPANESE) return null;
  // Native share first; the share of common characters separates look-alike decodings.
  return native / nonAscii + common / nonAscii;
}

/**
 * The East Asian encoding `bytes` are plausibly in, or null when none clearly is (the caller then
 * keeps its own fallback). Each candidate must decode without error and give mostly characters
 * of its own script.
 */
export function guessCjkEncoding(bytes: Uint8Array): string | null {
  for (const group of CANDIDATE_GROUPS) {
    let best: { encoding: string; score: number } | null = null;
    for (const candidate of group) {
      let text: string;
      try {
        text = new TextDecoder(candidate.encoding, { fatal: true }).decode(bytes);
      } catch {
        continue;
      }
      const value = score(text, candidate);
      if (value !== null && (best === null || value > best.score))
        best = { encoding: candidate.encoding, score: value };
    }
    if (best) return best.encoding;
  }
  return null;
}

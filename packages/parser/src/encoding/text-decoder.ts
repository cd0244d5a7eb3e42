// TextDecoder with the WHATWG windows-1252 table: some Node versions decode windows-1252 (and its
// latin1 / iso-8859-1 / ascii labels) through a Latin-1 fast path, turning 0x80-0x9F into C1
// controls instead of curly quotes and dashes (nodejs/node#56542, #60888). Mapping the C1 range
// after decoding is exact either way.

// index-windows-1252 of the Encoding Standard for 0x80-0x9F; 0x81, 0x8D, 0x8F, 0x90, 0x9D stay C1.
const C1_TO_WINDOWS_1252 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_RANGE = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;

/** `text` as windows-1252 decodes it: C1 controls (0x80-0x9F read as Latin-1) mapped to the table. */
export function fixWindows1252(text: string): string {
  return HAS_C1.test(text)
    ? text.replace(C1_RANGE, (char) => C1_TO_WINDOWS_1252[char.charCodeAt(0) - 0x80]!)
    : text;
}

/** Decodes like `decoder`, with windows-1252 (whatever label chose it) following the standard. */
export function decodeWith(
  decoder: { readonly encoding: string; decode(bytes: Uint8Array): string },
  bytes: Uint8Array,
): string {
  const text = decoder.decode(bytes);
  return decoder.encoding === 'windows-1252' ? fixWindows1252(text) : text;
}

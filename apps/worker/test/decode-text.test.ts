import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../src/fetch/decode-text.js';

// Pages searched for feed links: windows-1252 punctuation (0x80-0x9F) must survive Node's
// TextDecoder, which reads those bytes as C1 controls since 20.18.3.
describe('decodeHtml', () => {
  it('reads windows-1252 and latin1 pages with their quotes, dashes and euro sign', () => {
    const page = Uint8Array.from([
      ...new TextEncoder().encode('<title>'),
      0x93,
      0x41,
      0x94,
      0x20,
      0x96,
      0x20,
      0x80,
      ...new TextEncoder().encode('</title>'),
    ]);
    expect(decodeHtml(page, 'text/html; charset=windows-1252')).toBe('<title>“A” – €</title>');
    expect(decodeHtml(page, 'text/html; charset=ISO-8859-1')).toBe('<title>“A” – €</title>');
  });

  it('reads the charset of a <meta> when the header has none', () => {
    const page = new TextEncoder().encode('<meta charset="utf-8"><p>déjà</p>');
    expect(decodeHtml(page, 'text/html')).toBe('<meta charset="utf-8"><p>déjà</p>');
  });
});

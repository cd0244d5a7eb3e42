import { describe, expect, it } from 'vitest';
import { decodeHtml, looksBinary, sniffHtmlEncoding } from '../../src/article/decode-html.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('decoding page bytes', () => {
  it('trusts the byte-order mark first', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('<p>Grüße</p>', 'utf16le')]);
    expect(sniffHtmlEncoding(utf16, 'text/html; charset=iso-8859-1')).toBe('utf-16le');
    expect(decodeHtml(utf16, 'https://x.example/')).toBe('<p>Grüße</p>');
  });

  it('then the Content-Type charset, then <meta charset> / http-equiv, else UTF-8', () => {
    const page = bytes('<meta charset="windows-1252"><p>caf\xe9</p>');
    expect(sniffHtmlEncoding(page, 'text/html; charset="ISO-8859-2"')).toBe('iso-8859-2');
    expect(sniffHtmlEncoding(page)).toBe('windows-1252');
    expect(decodeHtml(page, 'https://x.example/')).toContain('café');
    expect(
      sniffHtmlEncoding(bytes('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')),
    ).toBe('koi8-r');
    expect(sniffHtmlEncoding(bytes('<meta charset="no-such-charset"><p>x</p>'))).toBe('utf-8');
  });

  it('reads a <meta> claiming UTF-16 as UTF-8, as browsers do', () => {
    expect(sniffHtmlEncoding(bytes('<meta charset="utf-16"><p>x</p>'))).toBe('utf-8');
  });

  it('tells binary data from text', () => {
    expect(looksBinary('<html><body><p>Plain text with one odd \ufffd character.</p></body></html>')).toBe(
      false,
    );
    expect(looksBinary('\u0000\u0001\u0002PNG\ufffd\ufffd\u0003\u0004')).toBe(true);
  });
});

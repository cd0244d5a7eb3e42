import { describe, expect, it } from 'vitest';
import { codePageDecoder, looksLikeEbcdic } from '../src/encoding/code-pages.js';

// Code pages TextDecoder refuses: IBM PC (DOS), EBCDIC, ISO-8859-16.

const decode = (label: string, bytes: number[]) => codePageDecoder(label)?.decode(Uint8Array.from(bytes));

describe('codePageDecoder', () => {
  it('decodes IBM PC pages above ASCII and keeps ASCII', () => {
    expect(decode('cp437', [0x41, 0x80, 0xb0, 0xe1])).toBe('AÇ░ß');
    expect(decode('IBM850', [0x9b, 0x9d, 0xa5])).toBe('øØÑ');
    expect(decode('cspc862latinhebrew', [0x80, 0x9a])).toBe('את');
    expect(decode('cp864', [0x25])).toBe('٪'); // cp864 differs from ASCII below 0x80 too
  });

  it('decodes EBCDIC pages, which differ in their brackets', () => {
    const hello = [0xc8, 0x85, 0x93, 0x93, 0x96, 0x4b];
    expect(decode('ebcdic-cp-us', hello)).toBe('Hello.');
    expect(decode('cp037', [0xba, 0xbb])).toBe('[]');
    expect(decode('cp500', [0x4a, 0x5a])).toBe('[]');
    expect(decode('ibm1140', [0x9f])).toBe('€');
  });

  it('decodes ISO-8859-16, which Node lacks', () => {
    expect(decode('iso-8859-16', [0xa1, 0xa4, 0xaa])).toBe('Ą€Ș');
  });

  it('knows nothing of other labels', () => {
    expect(codePageDecoder('klingon')).toBeNull();
  });

  it('recognizes an EBCDIC document by "<?xm"', () => {
    expect(looksLikeEbcdic(Uint8Array.from([0x4c, 0x6f, 0xa7, 0x94, 0x40]))).toBe(true);
    expect(looksLikeEbcdic(new TextEncoder().encode('<?xml'))).toBe(false);
  });
});

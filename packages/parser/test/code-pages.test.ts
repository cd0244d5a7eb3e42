import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { codePageDecoder, looksLikeEbcdic } from '../src/encoding/code-pages.js';
import { EBCDIC_TABLES } from '../src/encoding/ebcdic-tables.js';

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

  it('decodes every byte of every page to one character (PC pages and ISO-8859-16 through iconv-lite)', () => {
    const everyByte = Array.from({ length: 256 }, (_, byte) => byte);
    const pages =
      'cp437 cp737 cp775 cp850 cp852 cp855 cp856 cp857 cp860 cp861 cp862 cp863 cp864 cp865 cp869 cp1125 iso-8859-16';
    for (const page of [...pages.split(' '), ...Object.keys(EBCDIC_TABLES)]) {
      const text = decode(page, everyByte)!;
      expect([...text], page).toHaveLength(256);
      expect(text.slice(0x41, 0x44) === 'ABC' || page in EBCDIC_TABLES, page).toBe(true);
    }
  });
});

describe('the EBCDIC tables kept in the source', () => {
  it('are only pages iconv-lite lacks or decodes differently (the rest come from iconv-lite)', () => {
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
    for (const [page, table] of Object.entries(EBCDIC_TABLES)) {
      expect(table, page).toHaveLength(256);
      if (iconv.encodingExists(page)) expect(iconv.decode(everyByte, page), page).not.toBe(table);
    }
  });
});

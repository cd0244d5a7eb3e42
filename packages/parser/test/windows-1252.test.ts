import { describe, expect, it } from 'vitest';
import { decodeWith, fixWindows1252 } from '../src/index.js';

// Node 20.18.3+ decodes windows-1252 (and latin1 / iso-8859-1) bytes 0x80-0x9F as C1 controls;
// decodeWith must give the Encoding Standard's characters whatever the Node version does.

const decode = (label: string, bytes: number[]) => decodeWith(new TextDecoder(label), Uint8Array.from(bytes));

describe('decodeWith (windows-1252)', () => {
  it.each(['windows-1252', 'latin1', 'iso-8859-1', 'ascii', 'cp1252'])(
    'reads 0x80-0x9F as the standard says under the label %s',
    (label) => {
      expect(decode(label, [0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f])).toBe('€…‘’“”–—™Ÿ');
    },
  );

  it('keeps the five bytes the table leaves as C1 controls, and Latin-1 above 0x9F', () => {
    expect(decode('windows-1252', [0x81, 0x8d, 0x8f, 0x90, 0x9d])).toBe('\u0081\u008d\u008f\u0090\u009d');
    expect(decode('windows-1252', [0x41, 0xa0, 0xe9, 0xff])).toBe('A\u00a0éÿ');
  });

  it('leaves other encodings alone', () => {
    expect(decode('windows-1251', [0x80, 0xc0])).toBe('ЂА');
    expect(decode('utf-8', [0xc2, 0x80])).toBe('\u0080');
  });

  it('is idempotent on text a correct decoder produced', () => {
    expect(fixWindows1252('€ “quoted” — ok')).toBe('€ “quoted” — ok');
  });
});

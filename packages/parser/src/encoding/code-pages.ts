// Decoders for code pages TextDecoder does not know but old feeds declare: IBM PC pages and
// ISO-8859-16 through iconv-lite, EBCDIC through our tables; and EBCDIC sniffing as XML 1.0
// appendix F describes.
import { createRequire } from 'node:module';
import type iconvLite from 'iconv-lite';
import { EBCDIC_TABLES } from './ebcdic-tables.js';

/** What decodeBody needs of a decoder: TextDecoder fits, and so does a code page table. */
export interface BytesDecoder {
  readonly encoding: string;
  decode(bytes: Uint8Array): string;
}

// Labels (lower-case, as publishers and IANA write them) -> code page (an iconv-lite name or a table).
const LABELS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const add = (table: string, labels: string) => {
    for (const label of labels.split(' ')) map.set(label, table);
  };
  add('cp437', 'cp437 ibm437 437 cspc8codepage437');
  add('cp737', 'cp737 ibm737 737');
  add('cp775', 'cp775 ibm775 775 cspc775baltic');
  add('cp850', 'cp850 ibm850 850 cspc850multilingual');
  add('cp852', 'cp852 ibm852 852 cspcp852');
  add('cp855', 'cp855 ibm855 855 csibm855');
  add('cp856', 'cp856 ibm856 856');
  add('cp857', 'cp857 ibm857 857 csibm857');
  add('cp860', 'cp860 ibm860 860 csibm860');
  add('cp861', 'cp861 ibm861 861 cp-is cp_is csibm861');
  add('cp862', 'cp862 ibm862 862 cspc862latinhebrew');
  add('cp863', 'cp863 ibm863 863 csibm863');
  add('cp864', 'cp864 ibm864 864 csibm864');
  add('cp865', 'cp865 ibm865 865 csibm865');
  add('cp869', 'cp869 ibm869 869 cp-gr csibm869');
  add('cp1125', 'cp1125 ibm1125 1125 cp866u ruscii');
  add('iso-8859-16', 'iso-8859-16 iso8859-16 iso_8859-16 latin10 l10');
  add('cp037', 'cp037 ibm037 037 csibm037 ebcdic-cp-us ebcdic-cp-ca ebcdic-cp-wt ebcdic-cp-nl ibm039 cp039');
  add('cp500', 'cp500 ibm500 500 csibm500 ebcdic-cp-be ebcdic-cp-ch');
  add('cp875', 'cp875 ibm875 875');
  add('cp1026', 'cp1026 ibm1026 1026 csibm1026');
  add('cp1140', 'cp1140 ibm1140 1140 ccsid01140 cp01140 ebcdic-us-37+euro');
  return map;
})();

class EbcdicDecoder implements BytesDecoder {
  constructor(
    readonly encoding: string,
    private readonly table: string,
  ) {}

  decode(bytes: Uint8Array): string {
    let out = '';
    // Chunks keep the string building linear without one concatenation per byte.
    for (let start = 0; start < bytes.length; start += 8192) {
      const end = Math.min(bytes.length, start + 8192);
      const chars = new Array<string>(end - start);
      for (let index = start; index < end; index++) chars[index - start] = this.table[bytes[index]!]!;
      out += chars.join('');
    }
    return out;
  }
}

class IconvDecoder implements BytesDecoder {
  constructor(
    readonly encoding: string,
    private readonly iconv: typeof iconvLite,
  ) {}

  decode(bytes: Uint8Array): string {
    return this.iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), this.encoding);
  }
}

// Required on first use: feeds in these pages are rare, and every other feed is spared the load.
let iconv: typeof iconvLite | undefined;

/** A decoder for a code page TextDecoder lacks, by label; null when the label names none. */
export function codePageDecoder(label: string): BytesDecoder | null {
  const name =
    LABELS.get(label.trim().toLowerCase().replace(/_/g, '-')) ?? LABELS.get(label.trim().toLowerCase());
  if (!name) return null;
  const table = EBCDIC_TABLES[name];
  if (table) return new EbcdicDecoder(name, table);
  iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof iconvLite;
  return new IconvDecoder(name, iconv);
}

/** "<?xm" in EBCDIC (XML 1.0 appendix F): the document is in some EBCDIC page. */
export function looksLikeEbcdic(bytes: Uint8Array): boolean {
  return bytes[0] === 0x4c && bytes[1] === 0x6f && bytes[2] === 0xa7 && bytes[3] === 0x94;
}

/** The start of an EBCDIC document in cp037, enough to read its XML declaration. */
export function ebcdicHead(bytes: Uint8Array, length: number): string {
  return codePageDecoder('cp037')!.decode(bytes.subarray(0, length));
}

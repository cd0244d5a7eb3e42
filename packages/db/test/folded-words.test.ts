import { describe, expect, it } from 'vitest';
import { foldedWords } from '../src/search/fold.js';

// Words folded as FTS5's unicode61 tokenizer with remove_diacritics folds them. Plain ASCII text takes a
// shorter path, which must give exactly the same words.

/** The general definition: decompose, drop combining marks, lower-case, keep runs of letters and digits. */
const reference = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

describe('foldedWords', () => {
  it('folds accents and case in any script', () => {
    expect(foldedWords('Café Zürich: ÉLAN, naïve 42')).toEqual(['cafe', 'zurich', 'elan', 'naive', '42']);
    expect(foldedWords('Москва — 東京 2024')).toEqual(['москва', '東京', '2024']);
  });

  it('gives the general definition’s words for every plain ASCII text', () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (let run = 0; run < 2000; run += 1) {
      const text = Array.from({ length: random() % 80 }, () => String.fromCharCode(random() % 128)).join('');
      expect(foldedWords(text)).toEqual(reference(text));
    }
  });
});

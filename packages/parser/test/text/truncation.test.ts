import { describe, expect, it } from 'vitest';
import { isTruncatedText } from '../../src/text/index.js';

describe('isTruncatedText', () => {
  it.each([
    'focused on resuscitating post-Cold War nuclear arms control treaties….',
    'The minister said the plan would…',
    'The minister said the plan would...',
    'The minister said the plan would [...]',
    'The minister said the plan would be ready. […]',
    'The minister said the plan would be ready soon.\n\nContinue reading',
    'The minister said the plan would be ready soon. Read more »',
    'Le ministre a déclaré que le plan serait prêt. Lire la suite',
    'The minister told reporters on Monday that the plan to rebuild the bridge would be ready by the',
  ])('%s', (text) => {
    expect(isTruncatedText(text)).toBe(true);
  });

  it.each([
    'The minister said the plan would be ready soon.',
    '"We will wait and see," he said.',
    'Police said the investigation was continuing',
    '',
  ])('not truncated: %s', (text) => {
    expect(isTruncatedText(text)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isContinueReadingStub, isTruncatedText } from '../../src/text/index.js';
import { splitTrailingStub } from '../../src/text/truncation.js';

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
    'The museum opens a new exhibition on the soldiers who fought in World War I',
    'As VW ID.3 production begins, Volkswagen bets it all on an electric future and a new kind of car',
    'Joint Commission National Patient Safety Goal: Alarm Management and the ECRI top 10 Health Technology Hazard',
    '',
  ])('not truncated: %s', (text) => {
    expect(isTruncatedText(text)).toBe(false);
  });
});

describe('continue-reading stubs', () => {
  it.each([
    'Continue reading',
    'Read more »',
    '[…]',
    '(more…)',
    'Read the full story',
    'Weiterlesen',
    'Lire la suite',
  ])('%s is a stub line', (line) => {
    expect(isContinueReadingStub(line)).toBe(true);
  });

  it('does not take a related-story link for a stub', () => {
    expect(isContinueReadingStub('Read more: Floods in Somalia force thousands from their homes')).toBe(
      false,
    );
  });

  it('splits a stub off the end of a paragraph', () => {
    expect(splitTrailingStub('Talks resume next month. Read more')).toEqual({
      body: 'Talks resume next month.',
      stub: 'Read more',
    });
    expect(splitTrailingStub('Continue reading')).toBeNull();
    expect(splitTrailingStub('He told them to read more books.')).toBeNull();
  });
});

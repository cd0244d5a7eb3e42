import { describe, expect, it } from 'vitest';
import { FeedParseError, MAX_XML_DEPTH, parseFeed } from '../src/index.js';

// The nesting guard measures the depth a document has once balanced, so a long feed whose items
// each leave an element open is repaired, not refused, while real depth is refused however it is
// disguised.

const ITEMS = MAX_XML_DEPTH + 44;

function rss(items: number, item: (index: number) => string): string {
  const body = Array.from({ length: items }, (_, index) => `<item>${item(index)}</item>`).join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>${body}</channel></rss>`;
}

async function refusal(xml: string): Promise<unknown> {
  return parseFeed(xml).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('nesting depth', () => {
  it(`reads a feed of ${ITEMS} items that each leave an <enclosure> open`, async () => {
    const feed = await parseFeed(
      rss(
        ITEMS,
        (index) =>
          `<title>t${index}</title><enclosure url="https://a.example/${index}.mp3" type="audio/mpeg">`,
      ),
    );
    expect(feed.items).toHaveLength(ITEMS);
    expect(feed.items.at(-1)!.enclosures).toEqual([
      { url: `https://a.example/${ITEMS - 1}.mp3`, type: 'audio/mpeg' },
    ]);
    expect(feed.warnings.map((warning) => warning.code)).toContain('XML_REPAIRED');
  });

  it(`reads a feed of ${ITEMS} items that each leave their <description> open`, async () => {
    const feed = await parseFeed(rss(ITEMS, (index) => `<title>t${index}</title><description>text ${index}`));
    expect(feed.items).toHaveLength(ITEMS);
    expect(feed.items[0]!.summary).toBe('text 0');
  });

  it('refuses elements nested deeper than MAX_XML_DEPTH', async () => {
    const deep = `<rss version="2.0"><channel>${'<a>'.repeat(ITEMS)}${'</a>'.repeat(ITEMS)}</channel></rss>`;
    const error = await refusal(deep);
    expect(error).toBeInstanceOf(FeedParseError);
    expect(error).toMatchObject({ code: 'UNSAFE_XML' });
  });

  it('refuses depth disguised by close tags that close nothing', async () => {
    // Balancing drops the stray </x>, leaving the <a>s nested.
    const disguised = `<rss version="2.0"><channel>${'<a></x>'.repeat(ITEMS)}</channel></rss>`;
    expect(await refusal(disguised)).toMatchObject({ code: 'UNSAFE_XML' });
  });
});

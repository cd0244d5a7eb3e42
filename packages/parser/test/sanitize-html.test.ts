import { readFileSync } from 'node:fs';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../src/html/index.js';

const VECTORS = readFileSync(new URL('./fixtures/xss/vectors.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim());

const SAFE_TAGS = new Set([
  'a',
  'abbr',
  'b',
  'blockquote',
  'br',
  'code',
  'details',
  'div',
  'em',
  'figure',
  'i',
  'iframe',
  'img',
  'li',
  'p',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'tr',
  'ul',
  'video',
  'source',
  'audio',
  'summary',
]);
const SAFE_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'alt',
  'title',
  'width',
  'height',
  'controls',
  'lang',
]);

/** Every tag and attribute of the sanitized output, as a browser's tokenizer sees them. */
function tokens(html: string): { tag: string; attributes: Record<string, string> }[] {
  const found: { tag: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (tag, attributes) => found.push({ tag, attributes }) });
  parser.write(html);
  parser.end();
  return found;
}

describe('sanitizeHtml against real XSS vectors', () => {
  it.each(VECTORS)('%s', (vector) => {
    const out = sanitizeHtml(vector, { baseUrl: 'https://example.com/post/' });
    for (const { tag, attributes } of tokens(out)) {
      expect(SAFE_TAGS, `tag <${tag}> in ${out}`).toContain(tag);
      for (const [name, value] of Object.entries(attributes)) {
        expect(SAFE_ATTRIBUTES, `attribute ${name} in ${out}`).toContain(name);
        if (name === 'href' || name === 'src')
          expect(value).toMatch(/^(https?:|mailto:|data:image\/(png|gif|jpe?g))/);
      }
    }
    expect(out).not.toMatch(/<script|="\s*(?:javascript|vbscript):|\son\w+=|style=|expression\(/i);
  });
});

describe('sanitizeHtml keeps the article', () => {
  it('keeps structure and makes URLs absolute', () => {
    const html = `<h2>Title</h2><p class="x" style="color:red">A <a href="/more?id=1">link</a> and
      <strong>bold</strong>.</p><figure><img src="img/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>
      <ul><li>one</li></ul><blockquote cite="/src">q</blockquote><pre><code>x &lt; y</code></pre>
      <table><tr><th colspan="2">h</th></tr></table>`;
    expect(sanitizeHtml(html, { baseUrl: 'https://ex.com/news/' })).toBe(
      `<h2>Title</h2><p>A <a href="https://ex.com/more?id=1">link</a> and
      <strong>bold</strong>.</p><figure><img src="https://ex.com/news/img/a.jpg" alt="A"><figcaption>Cap</figcaption></figure>
      <ul><li>one</li></ul><blockquote cite="https://ex.com/src">q</blockquote><pre><code>x &lt; y</code></pre>
      <table><tr><th colspan="2">h</th></tr></table>`,
    );
  });

  it('drops tracking pixels but keeps real images', () => {
    const out = sanitizeHtml(
      '<p>t<img src="https://a.com/p.gif" width="1" height="1"><img src="http://feeds.feedburner.com/~r/x/~4/y"><img src="https://a.com/photo.jpg" width="600"></p>',
    );
    expect(out).toBe('<p>t<img src="https://a.com/photo.jpg" width="600"></p>');
  });

  it('keeps video embeds from allowlisted hosts only', () => {
    expect(sanitizeHtml('<iframe src="https://www.youtube.com/embed/abc" onload="x()"></iframe>')).toBe(
      '<iframe src="https://www.youtube.com/embed/abc"></iframe>',
    );
    expect(sanitizeHtml('<iframe src="https://ads.example/x">fallback</iframe>ok')).toBe('ok');
  });

  it('keeps raster data: images, drops other data: URLs', () => {
    expect(sanitizeHtml('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe(
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
    );
    expect(sanitizeHtml('<a href="data:text/html,x">t</a>')).toBe('t');
  });

  it('unwraps unknown tags, balances unclosed ones and escapes text', () => {
    expect(sanitizeHtml('<font color=red><p>a < b &amp; <em>c')).toBe('<p>a &lt; b &amp; <em>c</em></p>');
  });
});

import { describe, expect, it } from 'vitest';
import { escapeHtml, externalHref, renderSafeHtml, renderSnippetHtml, safeUrl } from '../lib/render-html';

const BASE = 'https://news.example/world/article.html';

describe('renderSafeHtml', () => {
  it.each([
    ['<p>a<script>alert(1)</script>b</p>', '<p>ab</p>'],
    ['<p onclick="x()" onmouseover=y>hi</p>', '<p>hi</p>'],
    [
      '<img src=x onerror=alert(1)>',
      `<img src="https://news.example/world/x" loading="lazy" decoding="async" referrerpolicy="no-referrer">`,
    ],
    ['<svg onload=alert(1)><script>1</script><circle/></svg>ok', 'ok'],
    ['<iframe src="https://video.example/"></iframe>ok', 'ok'],
    ['<style>body{display:none}</style><p style="color:red">x</p>', '<p>x</p>'],
    ['<form action="https://evil.example"><input name=p><button>go</button></form>x', 'x'],
    ['<math><mi xlink:href="javascript:alert(1)">m</mi></math>x', 'x'],
    ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><b>x</b>', '<b>x</b>'],
    ['<h1>Title</h1>', '<h2>Title</h2>'],
    ['<p>unclosed <em>emphasis', '<p>unclosed <em>emphasis</em></p>'],
    // As in browsers, a stray </p> is an empty paragraph; a stray </div> is nothing.
    ['</div></p>stray closes', '<p></p>stray closes'],
    ['&lt;script&gt;alert(1)&lt;/script&gt;', '&lt;script&gt;alert(1)&lt;/script&gt;'],
  ])('%s', (input, expected) => {
    expect(renderSafeHtml(input, { baseUrl: BASE })).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'jav&#x09;ascript:alert(1)',
    '&#106;avascript:alert(1)',
  ])('drops the link %j', (href) => {
    const html = renderSafeHtml(`<a href="${href}">x</a>`, { baseUrl: BASE });
    expect(html).toBe('<a rel="nofollow noopener noreferrer ugc">x</a>');
  });

  it('resolves relative links against the article and marks them as untrusted', () => {
    expect(renderSafeHtml('<a href="../b.html" title="B">b</a>', { baseUrl: BASE })).toBe(
      '<a href="https://news.example/b.html" title="B" rel="nofollow noopener noreferrer ugc">b</a>',
    );
  });

  it('keeps only numeric sizes', () => {
    expect(renderSafeHtml('<img src="https://i.example/a.png" width="100" height="50%" alt="A">')).toBe(
      '<img src="https://i.example/a.png" width="100" alt="A" loading="lazy" decoding="async" referrerpolicy="no-referrer">',
    );
  });

  it('returns an empty string for nothing', () => {
    expect(renderSafeHtml(null)).toBe('');
    expect(renderSafeHtml('')).toBe('');
  });
});

describe('renderSnippetHtml', () => {
  it('keeps <mark> and escapes everything else', () => {
    expect(renderSnippetHtml('the <mark>dam</mark> &lt;b&gt; <b>bold</b> <img src=x onerror=1>')).toBe(
      'the <mark>dam</mark> &lt;b&gt; bold ',
    );
  });
});

describe('URL helpers', () => {
  it('accepts only http(s) for outgoing links', () => {
    expect(externalHref('https://a.example/x')).toBe('https://a.example/x');
    expect(externalHref('javascript:alert(1)')).toBeUndefined();
    expect(externalHref('/relative')).toBeUndefined();
    expect(externalHref(null)).toBeUndefined();
  });

  it('allows mailto: in article links only when asked', () => {
    expect(safeUrl('mailto:desk@news.example', null, new Set(['mailto:']))).toBe('mailto:desk@news.example');
    expect(safeUrl('mailto:desk@news.example', null, new Set(['https:']))).toBeNull();
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

import { describe, expect, it } from 'vitest';
import { collapseWhitespace, htmlToText } from '../src/html/index.js';

describe('htmlToText', () => {
  it('separates blocks by a blank line and never glues them', () => {
    expect(htmlToText('<p>talks on January 10.</p><p>The Kremlin said</p>')).toBe(
      'talks on January 10.\n\nThe Kremlin said',
    );
    expect(htmlToText('<div>one</div><div>two<h2>three</h2>four</div>')).toBe('one\n\ntwo\n\nthree\n\nfour');
  });

  it('decodes entities, collapses whitespace and turns <br> into a line break', () => {
    expect(htmlToText('<p>  A&nbsp;&amp;\n\n  B<br>C&#8217;s  </p>')).toBe('A & B\nC\u2019s');
  });

  it('keeps list items, table rows and preformatted text apart', () => {
    expect(htmlToText('<ul><li>a</li><li>b</li></ul><table><tr><td>1</td><td>2</td></tr></table>')).toBe(
      'a\n\nb\n\n1 2',
    );
    expect(htmlToText('<pre>x  = 1\n  y</pre>')).toBe('x  = 1\n  y');
  });

  it('skips scripts, styles and other non-text', () => {
    expect(htmlToText('a<script>var x=1</script><style>p{}</style><svg><text>no</text></svg>b')).toBe('ab');
  });

  it('reads plain text as one paragraph', () => {
    expect(htmlToText('just   text')).toBe('just text');
    expect(htmlToText('')).toBe('');
  });
});

describe('collapseWhitespace', () => {
  it('makes one trimmed line', () => {
    expect(collapseWhitespace('  a \n\t b\u200b ')).toBe('a b');
  });
});

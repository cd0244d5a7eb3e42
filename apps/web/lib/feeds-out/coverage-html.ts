import { escapeHtml } from '../render-html';
import type { Coverage } from './feed-document';

// A story entry's content in the feeds out, as Google News' RSS does it: the summary, then the other
// outlets' own headlines with their names, then a link to the full coverage. Readers show this HTML;
// the JSON Feed and Atom also carry the outlets as data (json-feed.ts, atom.ts).

/** The summary and the other outlets as HTML, or null for a story with one source (nothing to add). */
export function coverageHtml(summary: string | null, coverage: Coverage): string | null {
  if (coverage.sourceCount <= 1) return null;
  const outlets = coverage.outlets.map((outlet) => {
    const title = escapeHtml(outlet.title);
    const headline = outlet.url ? `<a href="${escapeHtml(outlet.url)}">${title}</a>` : title;
    return `<li>${headline} – ${escapeHtml(outlet.name)}</li>`;
  });
  return [
    summary ? `<p>${escapeHtml(summary)}</p>` : '',
    outlets.length > 0 ? `<ul>${outlets.join('')}</ul>` : '',
    `<p><a href="${escapeHtml(coverage.storyUrl)}">${coverage.sourceCount} sources</a></p>`,
  ].join('');
}

import type { Item } from '@newsfeed/db';
import { renderSafeHtml } from '../lib/render-html';

/** The article text: stored HTML re-sanitized, else the plain text as paragraphs, else the summary. */
export function ArticleBody({
  item,
}: {
  item: Pick<Item, 'contentHtml' | 'contentText' | 'summary' | 'url'>;
}) {
  const html = renderSafeHtml(item.contentHtml, { baseUrl: item.url });
  if (html.trim()) {
    // biome-ignore lint/security/noDangerouslySetInnerHtml: renderSafeHtml leaves only inert allowlisted markup
    return <div className="reader__content" dangerouslySetInnerHTML={{ __html: html }} />;
  }
  const text = item.contentText?.trim() || item.summary?.trim();
  if (!text) {
    return (
      <p className="muted">
        The feed gave no text for this article, and the page could not be extracted. Read it on the original
        site.
      </p>
    );
  }
  return (
    <div className="reader__content">
      {text.split(/\n\s*\n/).map((paragraph, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are static text in document order
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}

import type { Item } from '@newsfeed/db';
import { contentLanguage } from '../lib/content-language';
import { renderSafeHtml } from '../lib/render-html';

/**
 * The article text: stored HTML re-sanitized, else the plain text as paragraphs, else the summary;
 * marked with the item's language.
 */
export function ArticleBody({
  item,
}: {
  item: Pick<Item, 'contentHtml' | 'contentText' | 'summary' | 'url'> & { language?: string | null };
}) {
  const lang = contentLanguage(item.language);
  const html = renderSafeHtml(item.contentHtml, { baseUrl: item.url });
  if (html.trim()) {
    // biome-ignore lint/security/noDangerouslySetInnerHtml: renderSafeHtml leaves only inert allowlisted markup
    return <div className="reader__content" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
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
    <div className="reader__content" lang={lang}>
      {text.split(/\n\s*\n/).map((paragraph, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs are static text in document order
        <p key={index}>{paragraph}</p>
      ))}
    </div>
  );
}

import type { Metadata } from 'next';
import { EmptyState } from '../../components/empty-state';
import { SourceIcon, sourceName } from '../../components/source-icon';
import { StoryOutlets, sourcesLabel } from '../../components/story-card';
import { TimeAgo } from '../../components/time-ago';
import { searchResults } from '../../lib/cache/reads';
import { contentLanguage } from '../../lib/content-language';
import { externalHref, renderSnippetHtml } from '../../lib/render-html';
import { param, parseId, type SearchParams } from '../../lib/story-filters';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<SearchParams> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = param(await searchParams, 'q');
  const title = q ? `“${q}”: search` : 'Search';
  return { title, openGraph: { title }, robots: { index: false } };
}

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const q = param(params, 'q');
  const cursor = param(params, 'cursor');
  const source = parseId(param(params, 'source'));
  const page = q ? await searchResults(q, source, cursor) : null;
  const now = new Date();
  const next = new URLSearchParams();
  if (q) next.set('q', q);
  if (source) next.set('source', String(source));
  const first = new URLSearchParams(next);
  if (page?.nextCursor) next.set('cursor', page.nextCursor);

  return (
    <>
      <h1 className="page-title">Search</h1>
      <search aria-label="Search stories">
        <form className="search-form" action="/search" method="get">
          <label htmlFor="search-page-input" className="visually-hidden">
            Search words
          </label>
          <input
            id="search-page-input"
            name="q"
            type="search"
            defaultValue={q ?? ''}
            maxLength={200}
            placeholder='Words, "a phrase", prefix*'
          />
          {source && <input type="hidden" name="source" value={source} />}
          <button type="submit">Search</button>
        </form>
      </search>
      {!q ? (
        <p className="muted">
          Search titles and article text. Use quotes for a phrase (<code>"peace talks"</code>) and a star for
          a prefix (<code>elect*</code>).
        </p>
      ) : page && page.items.length > 0 ? (
        <>
          <p className="page-intro">
            Results for <strong>{q}</strong>, best matches first.{' '}
            <a href={`/feed.xml?q=${encodeURIComponent(q)}`}>Follow this search (RSS)</a>
          </p>
          <ol className="story-list" aria-label="Search results">
            {page.items.map((hit) => {
              const href = hit.storyId
                ? `/story/${hit.storyId}`
                : (externalHref(hit.url) ?? `/sources/${hit.feed.id}`);
              return (
                <li key={hit.itemId} className="hit" data-nav-item>
                  <div className="story__source">
                    <SourceIcon feed={hit.feed} />
                    <span>{sourceName(hit.feed)}</span>
                    {hit.publishedAt && (
                      <>
                        <span aria-hidden="true">·</span>
                        <TimeAgo iso={hit.publishedAt} now={now} />
                      </>
                    )}
                    {hit.storyId && hit.sourceCount > 1 && (
                      <a className="sources-count" href={`/story/${hit.storyId}#coverage`}>
                        {sourcesLabel(hit.sourceCount)}
                      </a>
                    )}
                  </div>
                  <h2 className="hit__title" lang={contentLanguage(hit.language)}>
                    <a href={href} data-nav-link>
                      {hit.title}
                    </a>
                  </h2>
                  <p
                    className="hit__snippet"
                    lang={contentLanguage(hit.language)}
                    // biome-ignore lint/security/noDangerouslySetInnerHtml: only <mark> survives renderSnippetHtml
                    dangerouslySetInnerHTML={{ __html: renderSnippetHtml(hit.snippetHtml) }}
                  />
                  <StoryOutlets outlets={hit.outlets} />
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <EmptyState title={`Nothing found for “${q}”`}>
          <p>
            Check the spelling, use fewer words, or try a prefix such as{' '}
            <code>{q.split(/\s+/)[0]?.replace(/\*$/, '')}*</code>.
          </p>
        </EmptyState>
      )}
      {(page?.nextCursor || (page && cursor)) && (
        // Cursors only lead forward: a later page links back to the first results.
        <nav className="pager" aria-label="Pagination">
          {cursor && (
            <a className="button secondary" href={`/search?${first.toString()}`}>
              First page
            </a>
          )}
          {page?.nextCursor && (
            <a className="button secondary" href={`/search?${next.toString()}`} rel="next">
              More results
            </a>
          )}
        </nav>
      )}
    </>
  );
}

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { EmptyState } from '../../components/empty-state';
import { ReaderBar } from '../../components/reader-bar';
import { SourceIcon, sourceName } from '../../components/source-icon';
import { TimeAgo } from '../../components/time-ago';
import { currentReader } from '../../lib/current-reader';
import { getDb } from '../../lib/db';
import { webConfig } from '../../lib/env';
import { externalHref } from '../../lib/render-html';
import { param, type SearchParams } from '../../lib/story-filters';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Saved', robots: { index: false } };

export default async function SavedPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const reader = await currentReader();
  if (!reader) redirect('/signin');
  const cursor = param(await searchParams, 'cursor');
  const page = await (await getDb()).itemStates
    .stream(reader.id, { starredOnly: true, limit: webConfig().WEB_PAGE_SIZE, cursor })
    .catch(() => null); // a stale or mangled cursor: show the first page's link instead
  return (
    <>
      <h1 className="page-title">Saved</h1>
      <ReaderBar reader={reader} />
      {page === null ? (
        <EmptyState title="This page link has expired">
          <p>
            <a href="/saved">Start again from the top</a>.
          </p>
        </EmptyState>
      ) : page.items.length === 0 ? (
        <EmptyState title="Nothing saved yet">
          <p>Open a story and press “Save” to keep it here; saved stories are never deleted by retention.</p>
        </EmptyState>
      ) : (
        <ol className="story-list" aria-label="Saved stories">
          {page.items.map((item) => (
            <li key={item.id} className="story-card" data-nav-item>
              <div className="coverage__source">
                <SourceIcon feed={item.feed} />
                <span>{sourceName(item.feed)}</span>
                <span aria-hidden="true">·</span>
                <TimeAgo iso={item.publishedAt ?? item.firstSeenAt} />
              </div>
              <h2 className="story-card__title">
                <a
                  href={item.storyId ? `/story/${item.storyId}` : (externalHref(item.url) ?? '#')}
                  data-nav-link
                >
                  {item.title}
                </a>
              </h2>
              <form method="post" action="/api/state/items">
                <input type="hidden" name="csrf" value={reader.csrf} />
                <input type="hidden" name="back" value="/saved" />
                <input type="hidden" name="item" value={item.id} />
                <button type="submit" name="action" value="unsave" className="button secondary">
                  Unsave
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}
      {page?.nextCursor && (
        <nav className="pager" aria-label="Pagination">
          <a
            className="button secondary"
            href={`/saved?cursor=${encodeURIComponent(page.nextCursor)}`}
            rel="next"
          >
            More
          </a>
        </nav>
      )}
    </>
  );
}

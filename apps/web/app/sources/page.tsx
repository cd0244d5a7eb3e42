import type { Metadata } from 'next';
import { EmptyState } from '../../components/empty-state';
import { FeedStatus } from '../../components/feed-status';
import { SourceIcon, sourceName } from '../../components/source-icon';
import { TimeAgo } from '../../components/time-ago';
import { sourcesPage } from '../../lib/cache/reads';
import { param, type SearchParams } from '../../lib/story-filters';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Sources', openGraph: { title: 'Sources' } };

const SOURCES_PER_PAGE = 100;

export default async function SourcesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const cursor = param(await searchParams, 'cursor');
  const page = await sourcesPage(SOURCES_PER_PAGE, cursor);
  const now = new Date();
  const failing = page.items.filter((feed) => !feed.disabled && feed.errorCount > 0).length;

  return (
    <>
      <h1 className="page-title">Sources</h1>
      {page.items.length === 0 ? (
        <EmptyState title="No sources yet">
          <p>
            Subscribe to a feed in the <a href="/admin">admin</a>, import an OPML file there, or run{' '}
            <code>node apps/worker/dist/main.js add URL</code>.
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="page-intro">
            {page.items.length} {page.items.length === 1 ? 'source' : 'sources'}
            {failing > 0 &&
              `, ${failing} failing (the worker retries with back-off; the error is shown below)`}
            .
          </p>
          <div className="table-wrap">
            <table className="stack-narrow">
              <thead>
                <tr>
                  <th scope="col">Source</th>
                  <th scope="col">Items</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="hide-narrow">
                    Last success
                  </th>
                  <th scope="col" className="hide-narrow">
                    Next poll
                  </th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((feed) => (
                  <tr key={feed.id} data-nav-item>
                    <td>
                      <div className="source-cell">
                        <SourceIcon feed={feed} />
                        <div>
                          <a href={`/sources/${feed.id}`} data-nav-link>
                            {sourceName(feed)}
                          </a>
                          <div className="muted">
                            {feed.siteUrl ? hostOf(feed.siteUrl) : hostOf(feed.url)}
                            {feed.folder && ` · ${feed.folder}`}
                          </div>
                        </div>
                      </div>
                    </td>
                    <td data-label="Items">{feed.itemCount}</td>
                    <td data-label="Status">
                      <FeedStatus feed={feed} />
                    </td>
                    <td className="hide-narrow">
                      {feed.lastSuccessAt ? (
                        <TimeAgo iso={feed.lastSuccessAt} now={now} />
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    <td className="hide-narrow">
                      {feed.disabled ? (
                        <span className="muted">—</span>
                      ) : (
                        <TimeAgo iso={feed.nextPollAt} now={now} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {page.nextCursor && (
        <nav className="pager" aria-label="Pagination">
          <a
            className="button secondary"
            href={`/sources?cursor=${encodeURIComponent(page.nextCursor)}`}
            rel="next"
          >
            More sources
          </a>
        </nav>
      )}
    </>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { EmptyState } from '../../../components/empty-state';
import { FeedStatus } from '../../../components/feed-status';
import { SourceIcon, sourceName } from '../../../components/source-icon';
import { TimeAgo } from '../../../components/time-ago';
import { pageOrInvalid } from '../../../lib/client-errors';
import { getDb } from '../../../lib/db';
import { webConfig } from '../../../lib/env';
import { publicErrorCategory } from '../../../lib/public-error';
import { externalHref } from '../../../lib/render-html';
import { param, parseId, type SearchParams } from '../../../lib/story-filters';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

const loadFeed = cache(async (rawId: string) => {
  const id = parseId(rawId);
  return id === null ? null : (await getDb()).feeds.get(id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const feed = await loadFeed((await params).id);
  if (!feed) return { title: 'Source not found' };
  const name = sourceName(feed);
  return {
    title: name,
    openGraph: { title: name },
    alternates: {
      types: {
        'application/rss+xml': [{ url: `/feed.xml?source=${feed.id}`, title: `${name} (RSS)` }],
        'application/atom+xml': [{ url: `/atom.xml?source=${feed.id}`, title: `${name} (Atom)` }],
        'application/feed+json': [{ url: `/feed.json?source=${feed.id}`, title: `${name} (JSON Feed)` }],
      },
    },
  };
}

export default async function SourcePage({ params, searchParams }: Props) {
  const feed = await loadFeed((await params).id);
  if (!feed) notFound();
  const cursor = param(await searchParams, 'cursor');
  const db = await getDb();
  const limit = webConfig().WEB_PAGE_SIZE;
  // A stale or mangled cursor falls back to the newest items.
  const page =
    (await pageOrInvalid(db.items.listByFeed(feed.id, { limit, cursor }))) ??
    (await db.items.listByFeed(feed.id, { limit }));
  const now = new Date();

  return (
    <>
      <div className="source-header">
        <SourceIcon feed={feed} size={32} />
        <h1 className="page-title">{sourceName(feed)}</h1>
      </div>
      <dl className="source-facts">
        <dt>Status</dt>
        <dd>
          <FeedStatus feed={feed} />
        </dd>
        {feed.siteUrl && (
          <>
            <dt>Site</dt>
            <dd>
              <a href={externalHref(feed.siteUrl)} rel="noopener noreferrer">
                {feed.siteUrl}
              </a>
            </dd>
          </>
        )}
        <dt>Feed</dt>
        <dd>
          <a href={externalHref(feed.url)} rel="noopener noreferrer">
            {feed.url}
          </a>
        </dd>
        {feed.folder && (
          <>
            <dt>Folder</dt>
            <dd>{feed.folder}</dd>
          </>
        )}
        <dt>Last success</dt>
        <dd>{feed.lastSuccessAt ? <TimeAgo iso={feed.lastSuccessAt} now={now} /> : 'never'}</dd>
        {!feed.disabled && (
          <>
            <dt>Next poll</dt>
            <dd>
              <TimeAgo iso={feed.nextPollAt} now={now} />
            </dd>
          </>
        )}
        <dt>Subscribe</dt>
        <dd>
          <a href={`/feed.xml?source=${feed.id}`}>RSS</a> · <a href={`/atom.xml?source=${feed.id}`}>Atom</a> ·{' '}
          <a href={`/feed.json?source=${feed.id}`}>JSON Feed</a> · <a href={`/?source=${feed.id}`}>Stories</a>
        </dd>
      </dl>
      <h2>Latest items</h2>
      {page.items.length === 0 ? (
        <EmptyState title="No items from this source yet">
          <p>
            {feed.lastError
              ? `The last poll failed: ${publicErrorCategory(feed.lastError)}.`
              : 'The worker has not fetched this feed yet, or it had no items.'}
          </p>
        </EmptyState>
      ) : (
        <ol className="story-list">
          {page.items.map((item) => (
            <li key={item.id} className="story story--no-image" data-nav-item>
              <div className="story__body">
                <h3 className="story__title">
                  <a
                    href={
                      item.storyId
                        ? `/story/${item.storyId}`
                        : (externalHref(item.url) ?? `/sources/${feed.id}`)
                    }
                    data-nav-link
                  >
                    {item.title}
                  </a>
                </h3>
                {item.summary && <p className="story__summary">{item.summary}</p>}
                <div className="story__meta">
                  <TimeAgo iso={item.publishedAt ?? item.firstSeenAt} now={now} />
                  {externalHref(item.url) && (
                    <a href={externalHref(item.url)} rel="noopener noreferrer">
                      Original
                    </a>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      {page.nextCursor && (
        <nav className="pager" aria-label="Pagination">
          <a
            className="button secondary"
            href={`/sources/${feed.id}?cursor=${encodeURIComponent(page.nextCursor)}`}
            rel="next"
          >
            Older items
          </a>
        </nav>
      )}
    </>
  );
}

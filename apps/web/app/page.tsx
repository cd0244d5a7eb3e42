import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '../components/empty-state';
import { StoryCard } from '../components/story-card';
import { StoryFilters } from '../components/story-filters';
import { pageOrInvalid } from '../lib/client-errors';
import { getDb } from '../lib/db';
import { webConfig } from '../lib/env';
import {
  hasFilters,
  parseStoryQuery,
  type SearchParams,
  storyQueryString,
  toStoryFilter,
} from '../lib/story-filters';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { absolute: 'Top stories' },
  openGraph: { title: 'Top stories', description: 'Stories from your feeds, clustered across outlets.' },
};

export default async function FrontPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const query = parseStoryQuery(await searchParams);
  const db = await getDb();
  const { WEB_PAGE_SIZE } = webConfig();
  const now = new Date();
  const [page, sources, folders] = await Promise.all([
    pageOrInvalid(
      db.stories.listTop({ ...toStoryFilter(query, now), limit: WEB_PAGE_SIZE, cursor: query.cursor }),
    ),
    db.feeds.list({ limit: 500 }),
    db.feeds.folders(),
  ]);
  const languages = [
    ...new Set(sources.items.map((feed) => feed.language).filter((value) => value !== null)),
  ].sort();

  return (
    <>
      <h1 className="page-title">Top stories</h1>
      {sources.items.length > 0 && (
        <StoryFilters query={query} choices={{ sources: sources.items, folders, languages }} />
      )}
      {page === null ? (
        <EmptyState title="This page link has expired">
          <p>
            The list has changed since the link was made. <Link href="/">Start again from the top</Link>.
          </p>
        </EmptyState>
      ) : page.items.length > 0 ? (
        <ol className="story-list" aria-label="Stories">
          {page.items.map((story) => (
            <StoryCard key={story.id} story={story} now={now} />
          ))}
        </ol>
      ) : sources.items.length === 0 ? (
        <EmptyState title="No feeds yet">
          <p>
            Newsfeed lists stories from the feeds you subscribe to. Add one in the{' '}
            <Link href="/admin">admin</Link> (set <code>ADMIN_TOKEN</code> to enable it) or with the worker:
          </p>
          <p>
            <code>node apps/worker/dist/main.js add https://example.com/feed.xml</code>
          </p>
          <p>
            Just looking around? <code>npm run demo</code> starts a local set of sample feeds.
          </p>
        </EmptyState>
      ) : hasFilters(query) || query.cursor ? (
        <EmptyState title="No stories match these filters">
          <p>
            Try a longer time window or another source, or <Link href="/">clear the filters</Link>.
          </p>
        </EmptyState>
      ) : (
        <EmptyState title="No stories yet">
          <p>
            You have {sources.items.length} {sources.items.length === 1 ? 'feed' : 'feeds'}, but nothing has
            been fetched yet. The worker polls new feeds within seconds; if this lasts, check the{' '}
            <Link href="/sources">sources page</Link> for errors.
          </p>
        </EmptyState>
      )}
      {page?.nextCursor && (
        <nav className="pager" aria-label="Pagination">
          <Link
            className="button secondary"
            href={`/${storyQueryString({ ...query, cursor: page.nextCursor })}`}
            rel="next"
          >
            More stories
          </Link>
        </nav>
      )}
    </>
  );
}

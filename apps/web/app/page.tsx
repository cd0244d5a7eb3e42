import type { Metadata } from 'next';
import { EmptyState } from '../components/empty-state';
import { ReaderBar } from '../components/reader-bar';
import { StoryCard } from '../components/story-card';
import { StoryFilters } from '../components/story-filters';
import { topStories } from '../lib/cache/reads';
import { currentReader } from '../lib/current-reader';
import { getDb } from '../lib/db';
import { webConfig } from '../lib/env';
import { filterChoices } from '../lib/filter-choices';
import { parseTrail, TRAIL_PARAM, withTrail } from '../lib/page-trail';
import {
  hasFilters,
  param,
  parseStoryQuery,
  type SearchParams,
  storyQueryString,
} from '../lib/story-filters';

export const dynamic = 'force-dynamic';

// The layout's title template applies to the pages below it, not to this one beside it: the site
// name is added here.
export function generateMetadata(): Metadata {
  return {
    title: { absolute: `Top stories · ${webConfig().WEB_SITE_NAME}` },
    openGraph: { title: 'Top stories', description: 'Stories from your feeds, clustered across outlets.' },
  };
}

export default async function FrontPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const query = parseStoryQuery(params);
  const trail = query.cursor ? parseTrail(param(params, TRAIL_PARAM)) : [];
  const now = new Date();
  const [page, choices] = await Promise.all([topStories(query), filterChoices()]);

  // A signed-in reader's own view: stories whose items they have all read can be hidden.
  const reader = await currentReader();
  const hideRead = reader !== null && param(params, 'hide') === 'read';
  const read =
    reader && page
      ? await (await getDb()).itemStates.readStories(
          reader.id,
          page.items.map((story) => story.id),
        )
      : new Set<number>();
  const shown = page ? page.items.filter((story) => !(hideRead && read.has(story.id))) : [];

  return (
    <>
      <h1 className="page-title">Top stories</h1>
      {reader && <ReaderBar reader={reader} hideRead={hideRead} />}
      {choices.failingSources > 0 && (
        <p className="notice notice--error">
          {choices.failingSources === 1 ? '1 source is' : `${choices.failingSources} sources are`} failing to
          update: see why on the <a href="/sources">sources page</a>.
        </p>
      )}
      {choices.hasSources && <StoryFilters query={query} choices={choices} />}
      {page === null ? (
        <EmptyState title="This page link has expired">
          <p>
            The list has changed since the link was made. <a href="/">Start again from the top</a>.
          </p>
        </EmptyState>
      ) : page.items.length > 0 ? (
        <>
          <ol className="story-list" aria-label="Stories">
            {shown.map((story) => (
              <StoryCard key={story.id} story={story} now={now} read={read.has(story.id)} />
            ))}
          </ol>
          {reader && shown.length > 0 && (
            <form method="post" action="/api/state/stories-read" className="mark-read">
              <input type="hidden" name="csrf" value={reader.csrf} />
              <input type="hidden" name="back" value={hideRead ? '/?hide=read' : '/'} />
              {shown.map((story) => (
                <input key={story.id} type="hidden" name="story" value={story.id} />
              ))}
              <button type="submit" className="button secondary">
                Mark all read up to here
              </button>
            </form>
          )}
        </>
      ) : !choices.hasSources ? (
        <EmptyState title="No feeds yet">
          <p>
            Newsfeed lists stories from the feeds you subscribe to. Add one in the <a href="/admin">admin</a>{' '}
            (set <code>ADMIN_TOKEN</code> to enable it) or with the worker:
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
            Try a longer time window or another source, or <a href="/">clear the filters</a>.
          </p>
        </EmptyState>
      ) : (
        <EmptyState title="No stories yet">
          <p>
            Your feeds have not delivered anything yet. The worker polls new feeds within seconds; if this
            lasts, check the <a href="/sources">sources page</a> for errors.
          </p>
        </EmptyState>
      )}
      {(page?.nextCursor || query.cursor) && (
        <nav className="pager" aria-label="Pagination">
          {trail.length > 0 && (
            <a className="button secondary" href={`/${storyQueryString({ ...query, cursor: null })}`}>
              First page
            </a>
          )}
          {query.cursor && (
            <a
              className="button secondary"
              href={`/${withTrail(storyQueryString({ ...query, cursor: trail.at(-1) ?? null }), trail.slice(0, -1))}`}
              rel="prev"
            >
              Newer stories
            </a>
          )}
          {page?.nextCursor && (
            <a
              className="button secondary"
              href={`/${withTrail(
                storyQueryString({ ...query, cursor: page.nextCursor }),
                query.cursor ? [...trail, query.cursor] : [],
              )}`}
              rel="next"
            >
              More stories
            </a>
          )}
        </nav>
      )}
    </>
  );
}

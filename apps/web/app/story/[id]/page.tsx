import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { cache } from 'react';
import { ArticleBody } from '../../../components/article-body';
import { ReaderBar } from '../../../components/reader-bar';
import { SourceIcon, sourceName } from '../../../components/source-icon';
import { TimeAgo } from '../../../components/time-ago';
import { storyDetail } from '../../../lib/cache/reads';
import { contentLanguage } from '../../../lib/content-language';
import { currentReader } from '../../../lib/current-reader';
import { getDb } from '../../../lib/db';
import { externalHref } from '../../../lib/render-html';
import { parseId } from '../../../lib/story-filters';
import { mergedStoryPath } from '../../../lib/story-redirect';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

// generateMetadata and the page ask for the same story: one lookup per request.
const loadStory = cache(async (rawId: string) => {
  const id = parseId(rawId);
  if (id === null) return null;
  return storyDetail(id);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const detail = await loadStory((await params).id);
  if (!detail) return { title: 'Story not found' };
  const { story } = detail;
  return {
    title: story.title,
    description: story.summary ?? undefined,
    alternates: { canonical: `/story/${story.id}` },
    openGraph: {
      type: 'article',
      title: story.title,
      description: story.summary ?? undefined,
      url: `/story/${story.id}`,
      publishedTime: story.publishedAt,
      images: externalHref(story.imageUrl),
    },
  };
}

/** "Also covered by 3 sources" (other outlets), or, with only the lead's own updates, "More from X". */
function coverageHeading(otherOutlets: number, otherItems: number, leadName: string): string {
  if (otherOutlets > 0) return `Also covered by ${otherOutlets} ${otherOutlets === 1 ? 'source' : 'sources'}`;
  return otherItems > 0 ? `More from ${leadName}` : 'Coverage';
}

export default async function StoryPage({ params }: Props) {
  const { id } = await params;
  const detail = await loadStory(id);
  if (!detail) {
    // A story merged into another keeps its URL: a permanent redirect to the story it became.
    const merged = await mergedStoryPath(await getDb(), id);
    if (merged) permanentRedirect(merged);
    notFound();
  }
  const { story, items } = detail;
  const lead = items.find((item) => item.id === story.leadItemId) ?? items[0];
  if (!lead) notFound();
  // Every other version, each under its own outlet; the heading counts outlets, not copies.
  const others = items.filter((item) => item.id !== lead.id);
  const otherOutlets = new Set(others.map((item) => item.feed.id).filter((id) => id !== lead.feed.id)).size;
  const byline = lead.authors
    .map((author) => author.name)
    .filter(Boolean)
    .join(', ');
  const image = externalHref(lead.imageUrl);
  const original = externalHref(lead.url);
  const hasInlineImage = Boolean(lead.contentHtml?.includes('<img'));
  // A signed-in reader has read a story once they open it: every outlet's copy counts as read.
  const reader = await currentReader();
  const itemStates = (await getDb()).itemStates;
  if (reader)
    await itemStates.mark(
      reader.id,
      items.map((item) => item.id),
      { read: true },
    );
  const saved = reader
    ? ((await itemStates.get(reader.id, [lead.id])).get(lead.id)?.starred ?? false)
    : false;

  return (
    <article className="reader">
      {reader && <ReaderBar reader={reader} />}
      <div className="reader__kicker">
        <SourceIcon feed={lead.feed} />
        <a href={`/sources/${lead.feed.id}`}>{sourceName(lead.feed)}</a>
        <span aria-hidden="true">·</span>
        <TimeAgo iso={lead.publishedAt ?? lead.firstSeenAt} />
        {story.wire && (
          <span className="badge badge--wire" title="Wire agency">
            {story.wire}
          </span>
        )}
      </div>
      <h1 className="reader__title" lang={contentLanguage(lead.language)}>
        {lead.title}
      </h1>
      {byline && <p className="reader__byline">By {byline}</p>}
      {image && !hasInlineImage && (
        // biome-ignore lint/performance/noImgElement: remote publisher image, sized by CSS before load
        <img
          className="reader__lead-image"
          src={image}
          alt=""
          width={700}
          height={394}
          referrerPolicy="no-referrer"
        />
      )}
      <ArticleBody item={lead} />
      {reader && (
        <form method="post" action="/api/state/items" className="reader__save">
          <input type="hidden" name="csrf" value={reader.csrf} />
          <input type="hidden" name="back" value={`/story/${story.id}`} />
          <input type="hidden" name="item" value={lead.id} />
          <button type="submit" name="action" value={saved ? 'unsave' : 'save'} className="button secondary">
            {saved ? 'Saved ✓ (unsave)' : 'Save'}
          </button>
        </form>
      )}
      {original && (
        <p className="reader__original">
          <a className="button" href={original} rel="noopener noreferrer">
            Read the original on {sourceName(lead.feed)}
          </a>
        </p>
      )}
      <section className="coverage" id="coverage" aria-labelledby="coverage-title">
        <h2 id="coverage-title">{coverageHeading(otherOutlets, others.length, sourceName(lead.feed))}</h2>
        {others.length === 0 ? (
          <p className="muted">Only {sourceName(lead.feed)} has this story so far.</p>
        ) : (
          <ul>
            {others.map((item) => (
              <li key={item.id} data-nav-item>
                <div className="coverage__source">
                  <SourceIcon feed={item.feed} />
                  <span>{sourceName(item.feed)}</span>
                  <span aria-hidden="true">·</span>
                  <TimeAgo iso={item.publishedAt ?? item.firstSeenAt} />
                </div>
                {externalHref(item.url) ? (
                  <a
                    href={externalHref(item.url)}
                    rel="noopener noreferrer"
                    lang={contentLanguage(item.language)}
                    data-nav-link
                  >
                    {item.title}
                  </a>
                ) : (
                  <span lang={contentLanguage(item.language)}>{item.title}</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

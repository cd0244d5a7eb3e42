import type { StorySummary } from '@newsfeed/db';
import { externalHref } from '../lib/render-html';
import { SourceIcon, sourceName } from './source-icon';
import { TimeAgo } from './time-ago';

/** The card shows two lines of summary; sending more only makes the page heavier. */
const SUMMARY_MAX_CHARS = 280;

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20)).trimEnd()}…`;
}

// Plain <a> links, not next/link: each story is a full server-rendered page, and the front page
// should not prefetch thirty of them.
/** One story of the front page: lead source, headline, two-line summary, coverage, time, image. */
export function StoryCard({ story, now, read = false }: { story: StorySummary; now: Date; read?: boolean }) {
  const others = story.sourceCount - 1;
  const image = externalHref(story.imageUrl);
  const original = externalHref(story.leadUrl);
  return (
    <li
      className={`${image ? 'story' : 'story story--no-image'}${read ? ' story--read' : ''}`}
      data-nav-item
      data-read={read ? 'true' : undefined}
    >
      <div className="story__body">
        <div className="story__source">
          <SourceIcon feed={story.leadFeed} />
          <strong>{sourceName(story.leadFeed)}</strong>
          {others > 0 && (
            <a className="sources-count" href={`/story/${story.id}#coverage`}>
              +{others} {others === 1 ? 'source' : 'sources'}
            </a>
          )}
          {story.wire && <span className="badge badge--wire">{story.wire}</span>}
        </div>
        <h2 className="story__title">
          <a href={`/story/${story.id}`} data-nav-link>
            {story.title}
          </a>
        </h2>
        {story.summary && <p className="story__summary">{shorten(story.summary, SUMMARY_MAX_CHARS)}</p>}
        <div className="story__meta">
          <TimeAgo iso={story.publishedAt} now={now} />
          {original && (
            <a href={original} rel="noopener noreferrer" className="hide-narrow">
              Original
            </a>
          )}
        </div>
      </div>
      {image && (
        <figure className="story__image">
          {/* biome-ignore lint/performance/noImgElement: remote publisher images, sized by CSS before load */}
          <img
            src={image}
            alt=""
            width={176}
            height={99}
            loading="lazy"
            decoding="async"
            referrerPolicy="no-referrer"
          />
        </figure>
      )}
    </li>
  );
}

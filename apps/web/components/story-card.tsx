import type { StoryOutlet, StorySummary } from '@newsfeed/db';
import { contentLanguage } from '../lib/content-language';
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

/** "3 sources": how many distinct outlets cover the story. */
export function sourcesLabel(count: number): string {
  return `${count} ${count === 1 ? 'source' : 'sources'}`;
}

/** Another outlet's own headline, linked to its article (Techmeme's "More:", Google News' related links). */
function OutletLine({ outlet }: { outlet: StoryOutlet }) {
  const href = externalHref(outlet.url);
  return (
    <li>
      <SourceIcon feed={outlet.feed} /> <span className="story__outlet-name">{sourceName(outlet.feed)}</span>{' '}
      {href ? (
        <a href={href} rel="noopener noreferrer" lang={contentLanguage(outlet.language)}>
          {outlet.title}
        </a>
      ) : (
        <span lang={contentLanguage(outlet.language)}>{outlet.title}</span>
      )}
    </li>
  );
}

/** The other outlets' lines under a headline (nothing when there are none). */
export function StoryOutlets({ outlets }: { outlets: StoryOutlet[] }) {
  if (outlets.length === 0) return null;
  return (
    <ul className="story__outlets" aria-label="Also reported by">
      {outlets.map((outlet) => (
        <OutletLine key={outlet.itemId} outlet={outlet} />
      ))}
    </ul>
  );
}

// Plain <a> links, not next/link: each story is a full server-rendered page, and the front page
// should not prefetch thirty of them.
/**
 * One story of the front page: lead source, headline, two-line summary, up to three other outlets
 * with their own headlines, "N sources" (linking to the full coverage), time, image.
 */
export function StoryCard({ story, now, read = false }: { story: StorySummary; now: Date; read?: boolean }) {
  const image = externalHref(story.imageUrl);
  const original = externalHref(story.leadUrl);
  const lang = contentLanguage(story.language);
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
          {story.wire && <span className="badge badge--wire">{story.wire}</span>}
        </div>
        <h2 className="story__title" lang={lang}>
          <a href={`/story/${story.id}`} data-nav-link>
            {story.title}
          </a>
        </h2>
        {story.summary && (
          <p className="story__summary" lang={lang}>
            {shorten(story.summary, SUMMARY_MAX_CHARS)}
          </p>
        )}
        <StoryOutlets outlets={story.outlets} />
        <div className="story__meta">
          <TimeAgo iso={story.publishedAt} now={now} />
          {story.sourceCount > 1 && (
            <a className="sources-count" href={`/story/${story.id}#coverage`}>
              {sourcesLabel(story.sourceCount)}
            </a>
          )}
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

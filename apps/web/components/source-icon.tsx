import type { FeedRef } from '@newsfeed/db';
import { sourceName } from '../lib/source-name';

export { sourceName };

const HUES = 12;

/** A stable colour slot from the outlet's name, so a letter badge is recognisable across pages. */
function hueSlot(name: string): number {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return hash % HUES;
}

/** The outlet's icon, or a letter badge when it has none. Decorative: the name is always beside it. */
export function SourceIcon({ feed, size = 16 }: { feed: FeedRef; size?: number }) {
  const name = sourceName(feed);
  if (feed.iconUrl && /^https?:\/\//i.test(feed.iconUrl)) {
    return (
      // biome-ignore lint/performance/noImgElement: publisher icons are remote and tiny; no optimizer needed
      <img
        className="source-icon"
        src={feed.iconUrl}
        alt=""
        width={size}
        height={size}
        loading="lazy"
        decoding="async"
        referrerPolicy="no-referrer"
      />
    );
  }
  return (
    <span className={`source-icon source-icon--letter hue-${hueSlot(name)}`} aria-hidden="true">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

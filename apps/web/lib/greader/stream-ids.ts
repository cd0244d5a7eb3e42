import type { StreamFilter } from '@newsfeed/db';

// Stream ids name what a client lists: everything (`user/-/state/com.google/reading-list`), the
// saved items (`.../starred`), one feed (`feed/<feed URL>`) or one folder (`user/-/label/<name>`).
// The user part may be `-` or the user's own id.

export const READING_LIST = 'user/-/state/com.google/reading-list';
export const STARRED = 'user/-/state/com.google/starred';
export const READ = 'user/-/state/com.google/read';
export const LABEL_PREFIX = 'user/-/label/';
export const FEED_PREFIX = 'feed/';

export class StreamIdError extends Error {
  readonly code = 'BAD_STREAM_ID';
  constructor(readonly input: string) {
    super(`unknown stream id: ${JSON.stringify(input.slice(0, 200))}`);
    this.name = 'StreamIdError';
  }
}

export type StreamRef =
  | { kind: 'reading-list' }
  | { kind: 'starred' }
  | { kind: 'read' }
  | { kind: 'feed'; url: string }
  | { kind: 'label'; name: string };

const USER_STATE = /^user\/(?:-|\d+)\/state\/com\.google\/([a-z-]+)$/;
const USER_LABEL = /^user\/(?:-|\d+)\/label\/(.+)$/s;

export function parseStreamId(input: string): StreamRef {
  if (input.startsWith(FEED_PREFIX) && input.length > FEED_PREFIX.length)
    return { kind: 'feed', url: input.slice(FEED_PREFIX.length) };
  const state = USER_STATE.exec(input)?.[1];
  if (state === 'reading-list' || state === 'starred' || state === 'read') return { kind: state };
  const label = USER_LABEL.exec(input)?.[1];
  if (label) return { kind: 'label', name: label };
  throw new StreamIdError(input);
}

export function labelStreamId(name: string): string {
  return `${LABEL_PREFIX}${name}`;
}

export function feedStreamId(url: string): string {
  return `${FEED_PREFIX}${url}`;
}

/** The stream as a storage filter; `feedIdOf` finds a subscribed feed's id by URL (null: none). */
export async function streamFilter(
  ref: StreamRef,
  feedIdOf: (url: string) => Promise<number | null>,
): Promise<StreamFilter | null> {
  switch (ref.kind) {
    case 'reading-list':
      return {};
    case 'starred':
      return { starredOnly: true };
    case 'read':
      return { readOnly: true };
    case 'label':
      return { folder: ref.name };
    case 'feed': {
      const feedId = await feedIdOf(ref.url);
      return feedId === null ? null : { feedId };
    }
  }
}

import type { Feed } from '@newsfeed/db';
import { publicDisabledReason, publicErrorCategory } from '../lib/public-error';

export type FeedState = 'ok' | 'failing' | 'disabled' | 'new';

export function feedState(feed: Feed): FeedState {
  if (feed.disabled) return 'disabled';
  if (feed.errorCount > 0) return 'failing';
  return feed.lastSuccessAt ? 'ok' : 'new';
}

const LABELS: Record<FeedState, string> = {
  ok: 'OK',
  failing: 'Failing',
  disabled: 'Disabled',
  new: 'Not polled yet',
};

/**
 * The feed's health as a badge, with the reason when it is failing or disabled: its category for
 * the public (lib/public-error.ts), the worker's whole message for the admin (`detail`).
 */
export function FeedStatus({ feed, detail = false }: { feed: Feed; detail?: boolean }) {
  const state = feedState(feed);
  const raw = state === 'disabled' ? feed.disabledReason : state === 'failing' ? feed.lastError : null;
  const reason =
    raw === null || detail
      ? raw
      : state === 'disabled'
        ? publicDisabledReason(raw)
        : publicErrorCategory(raw);
  return (
    <>
      <span className={`badge badge--${state}`}>
        {LABELS[state]}
        {state === 'failing' && feed.errorCount > 1 ? ` ×${feed.errorCount}` : ''}
      </span>
      {reason && <div className="error-text">{reason}</div>}
    </>
  );
}

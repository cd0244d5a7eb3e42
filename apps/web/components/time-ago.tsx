import { exactTime, relativeTime } from '../lib/format-time';

/** "12 min ago", with the exact UTC time on hover and in the machine-readable datetime. */
export function TimeAgo({ iso, now }: { iso: string; now?: Date }) {
  const exact = exactTime(iso);
  if (!exact) return null;
  return (
    <time dateTime={iso} title={exact}>
      {relativeTime(iso, now)}
    </time>
  );
}

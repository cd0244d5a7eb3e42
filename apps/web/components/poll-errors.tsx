import type { Poll } from '@newsfeed/db';
import { PanelTable } from './panel-table';
import { TimeAgo } from './time-ago';

/** The recent failed polls on the admin page, each linked to its source. */
export function PollErrors({ errors, now }: { errors: (Poll & { feedUrl: string })[]; now: Date }) {
  return (
    <PanelTable
      id="errors-title"
      title="Recent poll errors"
      rows={errors}
      rowKey={(poll) => poll.id}
      empty={{ title: 'No poll errors', text: 'Every recent poll succeeded.' }}
      columns={[
        { header: 'When', cell: (poll) => <TimeAgo iso={poll.startedAt} now={now} /> },
        { header: 'Feed', cell: (poll) => <a href={`/sources/${poll.feedId}`}>{poll.feedUrl}</a> },
        { header: 'HTTP', labelled: true, cell: (poll) => poll.httpStatus ?? '—' },
        { header: 'Error', className: 'error-text', cell: (poll) => poll.error },
      ]}
    />
  );
}

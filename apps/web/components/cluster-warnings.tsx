import type { ClusterWarning } from '@newsfeed/db';
import { PanelTable } from './panel-table';
import { TimeAgo } from './time-ago';

/** The clusterer's recent warnings on the admin page, beside the poll errors. */
export function ClusterWarnings({ warnings, now }: { warnings: ClusterWarning[]; now: Date }) {
  return (
    <PanelTable
      id="cluster-warnings-title"
      title="Clusterer warnings"
      rows={warnings}
      rowKey={(warning) => warning.id}
      empty={{
        title: 'No clusterer warnings',
        text: 'Every recent clustering batch finished within its time budget.',
      }}
      columns={[
        { header: 'When', cell: (warning) => <TimeAgo iso={warning.at} now={now} /> },
        { header: 'Kind', labelled: true, cell: (warning) => warning.kind },
        { header: 'Warning', className: 'error-text', cell: (warning) => warning.message },
      ]}
    />
  );
}

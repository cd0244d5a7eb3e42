import type { ClusterWarning } from '@newsfeed/db';
import { EmptyState } from './empty-state';
import { TimeAgo } from './time-ago';

/** The clusterer's recent warnings on the admin page, beside the poll errors. */
export function ClusterWarnings({ warnings, now }: { warnings: ClusterWarning[]; now: Date }) {
  return (
    <section className="panel" aria-labelledby="cluster-warnings-title">
      <h2 id="cluster-warnings-title">Clusterer warnings</h2>
      {warnings.length === 0 ? (
        <EmptyState title="No clusterer warnings">
          <p>Every recent clustering batch finished within its time budget.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="stack-narrow">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Kind</th>
                <th scope="col">Warning</th>
              </tr>
            </thead>
            <tbody>
              {warnings.map((warning) => (
                <tr key={warning.id}>
                  <td>
                    <TimeAgo iso={warning.at} now={now} />
                  </td>
                  <td data-label="Kind">{warning.kind}</td>
                  <td className="error-text">{warning.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';

// A titled panel of recent rows (the admin page's poll errors and clusterer warnings): a table that
// stacks on narrow screens, or an empty state saying why there is nothing to list.

export interface PanelColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** On narrow screens, where the table stacks, the cell is preceded by its header. */
  labelled?: boolean;
  className?: string;
}

export interface PanelTableProps<Row> {
  /** The heading's element id, which the panel is labelled by. */
  id: string;
  title: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  columns: readonly PanelColumn<Row>[];
  empty: { title: string; text: string };
}

export function PanelTable<Row>({ id, title, rows, rowKey, columns, empty }: PanelTableProps<Row>) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <EmptyState title={empty.title}>
          <p>{empty.text}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="stack-narrow">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.header} scope="col">
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td
                      key={column.header}
                      data-label={column.labelled ? column.header : undefined}
                      className={column.className}
                    >
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

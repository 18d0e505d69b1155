import type { ReactNode } from 'react';

export type Column<Row> = { title: string; numeric?: boolean; cell: (row: Row) => ReactNode };

/** A titled section holding a table of `rows`, or `empty` while there are none. */
export function DataTableSection<Row>(props: {
  id: string;
  title: string;
  empty: string;
  testId: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
}) {
  const numeric = (column: Column<Row>) => (column.numeric ? 'num' : undefined);
  return (
    <section className="stack" aria-labelledby={props.id}>
      <h3 className="section-title" id={props.id}>
        {props.title}
      </h3>
      {props.rows.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <table className="data-table" data-testid={props.testId}>
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column.title} scope="col" className={numeric(column)}>
                  {column.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={props.rowKey(row)}>
                {props.columns.map((column) => (
                  <td key={column.title} className={numeric(column)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

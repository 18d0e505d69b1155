import { formatCount, pluralWord } from '../format';
import { csvProblemText } from './csv-problem-text';
import type { CsvSummary } from './csv-protocol';

interface CsvSummaryViewProps {
  fileName: string;
  summary: CsvSummary;
  /** Parses again with another column as the address. */
  onEmailColumn(column: string): void;
}

/** What the file holds, before upload: the column mapping, invalid rows by number, duplicates. */
export function CsvSummaryView({ fileName, summary, onEmailColumn }: CsvSummaryViewProps) {
  if (!summary.ok) {
    return (
      <div className="alert csv-problem" role="alert" data-testid="csv-problem">
        <p>{csvProblemText(fileName, summary)}</p>
        {(summary.error === 'no-email-column' || summary.error === 'no-addresses') && summary.headers.length > 0 && (
          <EmailColumnPicker columns={summary.headers} current="" onChange={onEmailColumn} />
        )}
      </div>
    );
  }
  const columns = [summary.emailColumn, ...summary.fields];
  return (
    <div className="stack csv-summary" data-testid="csv-summary">
      <p>
        <strong data-testid="csv-valid-count">{formatCount(summary.rows)}</strong> {pluralWord(summary.rows, { one: 'recipient', other: 'recipients' })} in {fileName}
        {summary.duplicates > 0 && (
          <>
            , <span data-testid="csv-duplicates">{formatCount(summary.duplicates)}</span> repeated {pluralWord(summary.duplicates, { one: 'address', other: 'addresses' })} left out
          </>
        )}
        .
      </p>
      <EmailColumnPicker columns={columns} current={summary.emailColumn} onChange={onEmailColumn} />
      <p className="muted">
        Merge fields:{' '}
        {summary.fields.length > 0
          ? summary.fields.map((field) => (
              <code key={field} className="csv-summary__field" title={field}>
                {field}
              </code>
            ))
          : 'none'}
      </p>
      {summary.invalidCount > 0 && (
        <details className="csv-summary__invalid" data-testid="csv-invalid" open={summary.invalidCount <= 5}>
          <summary>
            {formatCount(summary.invalidCount)} {pluralWord(summary.invalidCount, { one: 'row', other: 'rows' })} not imported
          </summary>
          <ul>
            {summary.invalid.map((row) => (
              <li key={row.row}>
                Row {row.row}: <code>{row.value || '(empty)'}</code> <span className="muted">{row.reason}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {summary.sample.length > 0 && (
        // Focusable: when the panel is narrower than the columns, a keyboard user scrolls it sideways with the arrow keys.
        <div className="csv-summary__sample" role="region" aria-label="First rows of the file" tabIndex={0}>
          <table className="data-table">
            <caption className="visually-hidden">First rows</caption>
            <colgroup>
              <col className="csv-summary__col-row" />
              <col className="csv-summary__col-email" />
              {summary.fields.slice(0, 2).map((field) => (
                <col key={field} />
              ))}
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col" title={summary.emailColumn}>
                  {summary.emailColumn}
                </th>
                {summary.fields.slice(0, 2).map((field) => (
                  <th key={field} scope="col" title={field}>
                    {field}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.sample.map((row) => (
                <tr key={row.row}>
                  <td>{row.row}</td>
                  <td title={row.email}>{row.email}</td>
                  {summary.fields.slice(0, 2).map((field) => (
                    <td key={field} title={row.fields[field]}>
                      {row.fields[field]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function EmailColumnPicker({ columns, current, onChange }: { columns: string[]; current: string; onChange(column: string): void }) {
  return (
    <div className="row">
      <label className="field__label" htmlFor="csv-email-column">
        Email column
      </label>
      <select id="csv-email-column" className="field__input csv-summary__select" value={current} onChange={(event) => event.target.value && onChange(event.target.value)} data-testid="csv-email-column">
        {current === '' && <option value="">Choose…</option>}
        {columns.map((column) => (
          <option key={column} value={column}>
            {column}
          </option>
        ))}
      </select>
    </div>
  );
}

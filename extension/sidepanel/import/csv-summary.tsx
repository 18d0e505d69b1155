import { formatCount } from '../format';
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
      <div className="alert" role="alert" data-testid="csv-problem">
        <p>{problemText(fileName, summary)}</p>
        {summary.error === 'no-email-column' && summary.headers.length > 0 && (
          <EmailColumnPicker columns={summary.headers} current="" onChange={onEmailColumn} />
        )}
      </div>
    );
  }
  const columns = [summary.emailColumn, ...summary.fields];
  return (
    <div className="stack csv-summary" data-testid="csv-summary">
      <p>
        <strong data-testid="csv-valid-count">{formatCount(summary.rows)}</strong> recipient{summary.rows === 1 ? '' : 's'} in {fileName}
        {summary.duplicates > 0 && (
          <>
            , <span data-testid="csv-duplicates">{formatCount(summary.duplicates)}</span> repeated address{summary.duplicates === 1 ? '' : 'es'} left out
          </>
        )}
        .
      </p>
      <EmailColumnPicker columns={columns} current={summary.emailColumn} onChange={onEmailColumn} />
      <p className="muted">
        Merge fields: {summary.fields.length > 0 ? summary.fields.map((field) => <code key={field} className="csv-summary__field">{field}</code>) : 'none'}
      </p>
      {summary.invalidCount > 0 && (
        <details className="csv-summary__invalid" data-testid="csv-invalid" open={summary.invalidCount <= 5}>
          <summary>
            {formatCount(summary.invalidCount)} row{summary.invalidCount === 1 ? '' : 's'} without a valid address (not imported)
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
        <div className="csv-summary__sample">
          <table className="data-table">
            <caption className="visually-hidden">First rows</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">{summary.emailColumn}</th>
                {summary.fields.slice(0, 2).map((field) => (
                  <th key={field} scope="col">
                    {field}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.sample.map((row) => (
                <tr key={row.row}>
                  <td>{row.row}</td>
                  <td>{row.email}</td>
                  {summary.fields.slice(0, 2).map((field) => (
                    <td key={field}>{row.fields[field]}</td>
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

function problemText(fileName: string, summary: Exclude<CsvSummary, { ok: true }>): string {
  switch (summary.error) {
    case 'empty-file':
      return `${fileName} is empty.`;
    case 'no-email-column':
      return summary.requested ? `${fileName} has no column called “${summary.requested}”.` : `Which column of ${fileName} holds the email addresses?`;
    case 'too-many-rows':
      return `${fileName} has ${formatCount(summary.rows)} rows; at most ${formatCount(summary.maxRows)} can be imported at once. Split the file.`;
    case 'malformed-quotes':
      return `${fileName} has an unclosed quote near row ${summary.row}. Open it in a spreadsheet and save it as CSV again.`;
    case 'too-many-columns':
      return `${fileName} has ${formatCount(summary.columns)} columns besides the address; a recipient can have at most ${summary.maxColumns} merge fields. Remove the columns you do not use.`;
    case 'header-too-long':
      return `A column name in ${fileName} is over ${summary.maxLength} characters. Give it a shorter name.`;
  }
}

import { useRef, useState, type DragEvent } from 'react';
import { fileSizeProblem, IMPORT_LIMITS } from '../../../shared/recipients-csv/import-limits';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { formatCount, formatPlural, pluralWord } from '../format';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { Notice } from '../ui/notice';
import { ProgressBar } from '../ui/progress-bar';
import { AddRecipientForm } from './add-recipient-form';
import type { CsvSummary } from './csv-protocol';
import { CsvSummaryView } from './csv-summary';
import { parseCsvInWorker } from './parse-csv-in-worker';
import { RecipientTable } from './recipient-table';
import { splitCsvForUpload } from './split-csv-for-upload';
import { UploadProgressView } from './upload-progress';
import { uploadCsvInParts, type UploadProgress, type UploadTotals } from './upload-csv-in-parts';
import './import.css';

/** Rows per upload request: 50,000 rows move the bar fifty times, and each request stays well under the server's limits. */
const ROWS_PER_REQUEST = 1_000;

type CheckedFile = { file: File; summary: CsvSummary; text: string };
type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; fraction: number }
  | ({ kind: 'checked' } & CheckedFile)
  | ({ kind: 'uploading'; progress: UploadProgress } & CheckedFile)
  | { kind: 'imported'; totals: UploadTotals; progress: UploadProgress; invalidCount: number; invalidRows: number[] };

/**
 * Recipients: a CSV is checked in the browser first (the same parser as the server, in a Worker),
 * so the user sees the address column, fields, bad rows and duplicates before anything is uploaded.
 */
export function ImportScreen({ campaign, onImported }: { campaign: Campaign; onImported(): Promise<void> }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [tableKey, setTableKey] = useState(0);
  const cancelRef = useRef<(() => void) | null>(null);
  const draft = campaign.status === 'draft';

  function check(file: File, emailColumn?: string) {
    setError(null);
    // Bytes against bytes: the server's default limits (it checks its configured ones again on upload,
    // and its 413 names them).
    const tooLarge = fileSizeProblem(file.size, IMPORT_LIMITS.maxBytes);
    if (tooLarge) return setError(tooLarge);
    cancelRef.current?.();
    setStep({ kind: 'reading', name: file.name, fraction: 0 });
    const parsing = parseCsvInWorker({ file, maxRows: IMPORT_LIMITS.maxRows, ...(emailColumn ? { emailColumn } : {}) }, (fraction) =>
      setStep((current) => (current.kind === 'reading' ? { ...current, fraction } : current)),
    );
    cancelRef.current = parsing.cancel;
    parsing.done.then(
      ({ summary, text }) => setStep({ kind: 'checked', file, summary, text }),
      (failure: unknown) => {
        setStep({ kind: 'idle' });
        setError(`The file could not be read: ${failure instanceof Error ? failure.message : String(failure)}`);
      },
    );
  }

  async function upload(current: Extract<Step, { kind: 'checked' }>) {
    const { summary } = current;
    if (!summary.ok) return;
    setError(null);
    const parts = splitCsvForUpload(current.text, ROWS_PER_REQUEST, summary.delimiter);
    let progress: UploadProgress = { bytes: 0, totalBytes: 0, rows: 0, totalRows: 0 };
    const outcome = await uploadCsvInParts(
      parts,
      (csv) => sendMessage({ type: 'recipients/import', campaignId: campaign.id, csv, emailColumn: summary.emailColumn }),
      (now) => {
        progress = now;
        // Only while this file's check is still what the screen shows.
        setStep((shown) => ((shown.kind === 'checked' || shown.kind === 'uploading') && shown.file === current.file ? { ...current, kind: 'uploading', progress: now } : shown));
      },
    );
    if (!outcome.ok) {
      setStep({ ...current, kind: 'checked' });
      // Parts already accepted stay imported: say so, and that importing the file again skips them.
      setError(
        outcome.totals.imported > 0 || outcome.progress.rows > 0
          ? `The upload stopped after ${formatCount(outcome.progress.rows)} of ${formatPlural(outcome.progress.totalRows, { one: 'row', other: 'rows' })} (${formatCount(outcome.totals.imported)} imported): ${outcome.message} Importing the file again skips the addresses already in.`
          : outcome.message,
      );
      if (outcome.totals.imported > 0) {
        setTableKey((key) => key + 1);
        await onImported();
      }
      return;
    }
    // Invalid rows come from the check of the whole file: the same parser as the server's, with file row numbers.
    setStep({ kind: 'imported', totals: outcome.totals, progress, invalidCount: summary.invalidCount, invalidRows: summary.invalid.slice(0, 10).map((row) => row.row) });
    setTableKey((key) => key + 1);
    await onImported();
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file && draft) check(file);
  }

  return (
    <div className="stack" data-testid="import">
      {draft ? (
        <section className="stack" aria-labelledby="import-title">
          <h2 className="section-title" id="import-title">
            Import a CSV
          </h2>
          <label
            className={`drop-zone${dragging ? ' drop-zone--over' : ''}`}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <span>
              <strong>Choose a file</strong> or drop it here
            </span>
            <span className="muted">One row per person, with an email column; other columns become merge tags.</span>
            <input
              type="file"
              accept=".csv,text/csv,text/plain"
              className="drop-zone__input"
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) check(file);
                event.target.value = '';
              }}
              data-testid="csv-file"
            />
          </label>
          {step.kind === 'reading' && (
            <div className="stack" data-testid="csv-reading">
              <p className="muted">Checking {step.name}…</p>
              <ProgressBar value={Math.round(step.fraction * 100)} max={100} label={`Read ${Math.round(step.fraction * 100)}%`} />
            </div>
          )}
          {(step.kind === 'checked' || step.kind === 'uploading') && (
            <>
              <CsvSummaryView fileName={step.file.name} summary={step.summary} onEmailColumn={(column) => check(step.file, column)} />
              {step.summary.ok && (
                <Button
                  type="button"
                  variant="primary"
                  busy={step.kind === 'uploading'}
                  busyLabel="Uploading…"
                  disabled={step.summary.rows === 0}
                  onClick={() => step.kind === 'checked' && void upload(step)}
                  data-testid="csv-upload"
                >
                  Import {formatPlural(step.summary.rows, { one: 'recipient', other: 'recipients' })}
                </Button>
              )}
              {step.kind === 'uploading' && <UploadProgressView progress={step.progress} />}
            </>
          )}
          {step.kind === 'imported' && (
            <Notice tone="success" testId="import-result">
              <UploadProgressView progress={step.progress} />
              <p>
                Imported <strong data-testid="import-imported">{formatCount(step.totals.imported)}</strong>
                {step.totals.duplicates > 0 ? `, ${formatCount(step.totals.duplicates)} already there or repeated` : ''}
                {step.totals.suppressed > 0 ? `, ${formatCount(step.totals.suppressed)} on your suppression list` : ''}
                {step.invalidCount > 0
                  ? `, ${formatCount(step.invalidCount)} invalid (${pluralWord(step.invalidCount, { one: 'row', other: 'rows' })} ${step.invalidRows.join(', ')}${step.invalidCount > step.invalidRows.length ? ', …' : ''})`
                  : ''}
                .
              </p>
            </Notice>
          )}
          {error && <InlineAlert message={error} testId="import-error" />}
          <AddRecipientForm campaignId={campaign.id} onAdded={async () => { setTableKey((key) => key + 1); await onImported(); }} />
        </section>
      ) : (
        <p className="muted">The campaign has launched: its recipient list is fixed. Here is where each one stands.</p>
      )}
      <RecipientTable key={tableKey} campaign={campaign} />
    </div>
  );
}

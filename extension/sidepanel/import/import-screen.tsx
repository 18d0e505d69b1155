import { useRef, useState, type DragEvent } from 'react';
import { fileSizeProblem, IMPORT_LIMITS } from '../../../shared/recipients-csv/import-limits';
import type { Campaign } from '../../../shared/schemas/campaigns';
import type { ImportResult } from '../../../shared/schemas/recipients';
import { formatCount } from '../format';
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
import './import.css';

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; fraction: number }
  | { kind: 'checked'; file: File; summary: CsvSummary; text: string }
  | { kind: 'uploading'; file: File; summary: CsvSummary; text: string }
  | { kind: 'imported'; result: ImportResult };

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
    if (!current.summary.ok) return;
    setStep({ ...current, kind: 'uploading' });
    const result = await sendMessage({ type: 'recipients/import', campaignId: campaign.id, csv: current.text, emailColumn: current.summary.emailColumn });
    if (!result.ok) {
      setStep({ ...current, kind: 'checked' });
      return setError(result.error.message);
    }
    setStep({ kind: 'imported', result: result.value });
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
                  Import {formatCount(step.summary.rows)} recipient{step.summary.rows === 1 ? '' : 's'}
                </Button>
              )}
            </>
          )}
          {step.kind === 'imported' && (
            <Notice tone="success" testId="import-result">
              <p>
                Imported <strong data-testid="import-imported">{formatCount(step.result.imported)}</strong>
                {step.result.duplicates > 0 ? `, ${formatCount(step.result.duplicates)} already there or repeated` : ''}
                {step.result.suppressed > 0 ? `, ${formatCount(step.result.suppressed)} on your suppression list` : ''}
                {step.result.invalid.length > 0 ? `, ${formatCount(step.result.invalid.length)} invalid (${step.result.invalid.length === 1 ? 'row' : 'rows'} ${step.result.invalid.slice(0, 10).map((r) => r.row).join(', ')})` : ''}.
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

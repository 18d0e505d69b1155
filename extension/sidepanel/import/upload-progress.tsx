import { formatCount, formatRate } from '../format';
import { ProgressBar } from '../ui/progress-bar';
import type { UploadProgress } from './upload-csv-in-parts';

/**
 * The upload's bar: bytes of the file the server has accepted, of all (a native <progress>, role
 * progressbar with its value), with the rows in words. It stays at its last value until the server
 * answers the next part, and reaches 100% only when every part is in.
 */
export function UploadProgressView({ progress }: { progress: UploadProgress }) {
  const fraction = progress.totalBytes > 0 ? progress.bytes / progress.totalBytes : 0;
  const percent = formatRate(Math.floor(fraction * 100) / 100);
  const label = `Uploaded ${formatBytes(progress.bytes)} of ${formatBytes(progress.totalBytes)} (${percent})`;
  return (
    <div className="stack upload-progress" data-testid="upload-progress">
      <ProgressBar value={progress.bytes} max={progress.totalBytes} label={label} testId="upload-progress-bar" />
      <p className="muted" aria-live="polite" data-testid="upload-progress-text">
        {label}: {formatCount(progress.rows)} of {formatCount(progress.totalRows)} rows
      </p>
    </div>
  );
}

/** 240,000 → "234.4 kB", through Intl (binary multiples, as the import limits are written). */
function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? (['megabyte', bytes / (1024 * 1024)] as const) : bytes >= 1024 ? (['kilobyte', bytes / 1024] as const) : (['byte', bytes] as const);
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(size);
}

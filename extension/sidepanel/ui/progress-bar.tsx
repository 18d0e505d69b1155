import './progress-bar.css';

interface ProgressBarProps {
  value: number;
  max: number;
  /** Read by screen readers, e.g. "12 of 40 sent". */
  label: string;
  testId?: string;
}

/** A native <progress>: accessible as is, and styled without inline styles (the panel's CSP forbids them). */
export function ProgressBar({ value, max, label, testId }: ProgressBarProps) {
  return <progress className="progress-bar" value={max > 0 ? value : 0} max={max > 0 ? max : 1} aria-label={label} title={label} data-testid={testId} />;
}

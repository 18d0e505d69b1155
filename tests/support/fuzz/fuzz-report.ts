import { visible } from './raw-json';
import type { FailureGroup, FuzzReport } from './run-fuzz';

/** The fuzz run in figures: per route, per status, per variant (baseline first), and the failures. */

const pad = (text: string | number, width: number) => String(text).padStart(width);
const thousands = (n: number) => n.toLocaleString('en-US');

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function statusClass(status: string): string {
  return /^\d{3}$/.test(status) ? `${status[0]}xx` : status;
}

export function formatReport(report: FuzzReport): string {
  const lines: string[] = [];
  lines.push(
    `fuzz: ${thousands(report.ran)} of ${thousands(report.planned)} cases, seed ${report.seed}, ${(report.elapsedMs / 1000).toFixed(1)} s` +
      (report.stoppedEarly ? ` (${report.stoppedEarly})` : ''),
    '',
  );
  const classes = ['2xx', '3xx', '4xx', '5xx', 'no answer', 'setup failed'];
  lines.push('route'.padEnd(48) + pad('cases', 7) + classes.map((c) => pad(c, c.length + 2)).join(''));
  for (const [route, tally] of report.routes) {
    const byClass = new Map<string, number>();
    for (const [status, count] of tally.statuses) byClass.set(statusClass(status), (byClass.get(statusClass(status)) ?? 0) + count);
    lines.push(route.padEnd(48) + pad(tally.cases, 7) + classes.map((c) => pad(byClass.get(c) ?? 0, c.length + 2)).join(''));
  }
  lines.push('', `answers by status: ${[...report.statuses].sort(([a], [b]) => a.localeCompare(b)).map(([status, count]) => `${status} ×${thousands(count)}`).join(', ')}`);
  const count = (kind: string) => thousands(report.findings.get(kind as never) ?? 0);
  lines.push(
    `crashes (process ended): ${count('crash')}; dropped connections: ${count('no-answer')}; 5xx: ${count('5xx')}; ` +
      `read-back mismatches: ${count('read-back')}; 4xx not problem+json: ${count('not-a-problem')}; ` +
      `success not in its schema: ${count('response-shape')}; /health failures: ${count('health')}; setup failures: ${count('setup')}`,
    '',
  );

  lines.push('variant'.padEnd(12) + pad('cases', 7) + pad('2xx', 7) + pad('ms/request (median)', 21) + pad('requests/s', 12) + pad('× baseline', 12));
  const baseline = median(report.variants.get('baseline')?.requestMs ?? []);
  for (const name of ['baseline', 'text', 'mutated', 'hostile'] as const) {
    const variant = report.variants.get(name);
    if (!variant) continue;
    const ms = median(variant.requestMs);
    lines.push(
      name.padEnd(12) +
        pad(variant.cases, 7) +
        pad(variant.accepted, 7) +
        pad(ms.toFixed(2), 21) +
        pad(ms > 0 ? thousands(Math.round(1000 / ms)) : '-', 12) +
        pad(baseline > 0 ? (ms / baseline).toFixed(2) : '-', 12),
    );
  }
  lines.push('', `distinct failures: ${report.failures.length}`);
  for (const failure of report.failures) lines.push(formatFailure(report.seed, failure));
  return lines.join('\n');
}

export function formatFailure(seed: number, failure: FailureGroup): string {
  const { example } = failure;
  return [
    `- [${failure.kind}] ${failure.route}${failure.group ? ` (${visible(failure.group, 120)})` : ''} ×${failure.count}`,
    `    case #${example.caseNumber} (seed ${seed}, ${example.variant}): ${visible(example.request.line, 300)}` +
      (example.request.contentType !== undefined ? ` [content-type: ${visible(example.request.contentType, 80)}]` : ''),
    ...(example.request.body ? [`    body (${thousands(example.request.bodyBytes)} bytes): ${visible(example.request.body, 400)}`] : []),
    `    → ${example.detail}`,
  ].join('\n');
}

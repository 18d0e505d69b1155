import type { Timeline, TimelinePoint } from '../../messages/analytics';

const WIDTH = 320;
const HEIGHT = 140;
const PAD = { top: 8, right: 8, bottom: 20, left: 28 };

const SERIES: Array<{ key: keyof Omit<TimelinePoint, 'start'>; label: string; className: string }> = [
  { key: 'sent', label: 'Sent', className: 'series--sent' },
  { key: 'replies', label: 'Replies', className: 'series--replies' },
  { key: 'humanOpens', label: 'Opens (people)', className: 'series--opens' },
  { key: 'humanClicks', label: 'Clicks (people)', className: 'series--clicks' },
];

/**
 * A small SVG chart: sent as bars, replies, opens and clicks as lines. Hand-written (about 2 KB)
 * rather than a chart library; colours come from CSS classes, as the panel's CSP has no inline styles.
 * A table with the same numbers follows for screen readers.
 */
export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const points = timeline.points;
  if (points.length === 0) return <p className="muted">No activity yet.</p>;
  const max = Math.max(1, ...points.flatMap((point) => SERIES.map((series) => point[series.key])));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = innerW / points.length;
  const x = (index: number) => PAD.left + step * index + step / 2;
  const y = (value: number) => PAD.top + innerH - (value / max) * innerH;
  const label = (iso: string) =>
    new Date(iso).toLocaleString(undefined, timeline.bucket === 'hour' ? { hour: 'numeric' } : { month: 'short', day: 'numeric' });
  const ticks = points.length <= 6 ? points.map((_, i) => i) : [0, Math.floor(points.length / 2), points.length - 1];

  return (
    <figure className="chart" data-testid="timeline-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Activity by ${timeline.bucket}, up to ${max} events per ${timeline.bucket}`}>
        <line className="chart__axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
        <text className="chart__tick" x={PAD.left - 4} y={y(max) + 4} textAnchor="end">
          {max}
        </text>
        <text className="chart__tick" x={PAD.left - 4} y={y(0)} textAnchor="end">
          0
        </text>
        {points.map((point, index) => (
          <rect
            key={point.start}
            className="series--sent"
            x={x(index) - Math.max(1, step * 0.35)}
            width={Math.max(2, step * 0.7)}
            y={y(point.sent)}
            height={Math.max(0, y(0) - y(point.sent))}
          />
        ))}
        {SERIES.slice(1).map((series) => (
          <polyline
            key={series.key}
            className={`chart__line ${series.className}`}
            points={points.map((point, index) => `${x(index)},${y(point[series.key])}`).join(' ')}
          />
        ))}
        {ticks.map((index) => {
          const point = points[index];
          return point ? (
            <text key={index} className="chart__tick" x={x(index)} y={HEIGHT - 4} textAnchor="middle">
              {label(point.start)}
            </text>
          ) : null;
        })}
      </svg>
      <figcaption className="chart__legend">
        {SERIES.map((series) => (
          <span key={series.key} className="chart__key">
            <span className={`chart__swatch ${series.className}`} aria-hidden="true" />
            {series.label}
          </span>
        ))}
      </figcaption>
      {/* Tables ignore a 1px width, so the hiding is done by a wrapper. */}
      <div className="visually-hidden">
        <table>
          <caption>Activity by {timeline.bucket}</caption>
          <thead>
            <tr>
              <th scope="col">Start</th>
              {SERIES.map((series) => (
                <th key={series.key} scope="col">
                  {series.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.start}>
                <td>{label(point.start)}</td>
                {SERIES.map((series) => (
                  <td key={series.key}>{point[series.key]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

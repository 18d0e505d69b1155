import { useEffect, useRef, useState } from 'react';
import type { Timeline, TimelinePoint } from '../../../shared/schemas/analytics';
import { chartData } from './timeline-chart-data';
import { yAxisTicks } from './y-axis-ticks';

const HEIGHT = 160;
/** Room for the y labels (left) and the x labels (bottom), in CSS pixels. */
const PAD = { left: 34, right: 6, top: 6, bottom: 20 };
/** An x label needs about this much width: fewer labels than buckets on a narrow panel. */
const LABEL_WIDTH = 64;

type SeriesKey = keyof Omit<TimelinePoint, 'start'>;
/** Each series' colour is a class (analytics.css) over the theme's variables, so dark mode follows. */
const SERIES: Array<{ key: SeriesKey; label: string }> = [
  { key: 'sent', label: 'Sent' },
  { key: 'replies', label: 'Replies' },
  { key: 'humanOpens', label: 'Opens (people)' },
  { key: 'humanClicks', label: 'Clicks (people)' },
];

/**
 * Activity over time, drawn as SVG: sent as bars, replies, opens and clicks as lines with a dot at
 * every bucket (so one busy hour still shows), a legend of labels and colours. Hand-drawn rather
 * than a chart library: uPlot was 22 KB of the panel's 250 KB gzipped budget (issue 18 needed the
 * room), and these few shapes need none of it. A table with the same numbers follows for screen
 * readers.
 */
export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const host = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState(0);
  const points = timeline.points;

  // The side panel is resizable: follow its width.
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(200, element.clientWidth));
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    return () => resize.disconnect();
  }, [points.length === 0]);

  if (points.length === 0) return <p className="muted">No activity yet.</p>;
  const hourly = timeline.bucket === 'hour';
  const label = (date: Date) => date.toLocaleString(undefined, hourly ? { hour: 'numeric' } : { month: 'short', day: 'numeric' });
  const bucketSeconds = hourly ? 3_600 : 86_400;
  const { data, range } = chartData(points, bucketSeconds, SERIES.map((series) => series.key));
  const [times, ...values] = data;
  const ticks = yAxisTicks(Math.max(...values.flat()));
  const top = ticks.at(-1)!;
  const plotWidth = Math.max(1, width - PAD.left - PAD.right);
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (seconds: number) => PAD.left + ((seconds - range[0]) / (range[1] - range[0])) * plotWidth;
  const y = (value: number) => PAD.top + plotHeight - (value / top) * plotHeight;
  const slot = (bucketSeconds / (range[1] - range[0])) * plotWidth;
  const labelEvery = Math.max(1, Math.ceil(LABEL_WIDTH / slot));

  return (
    <figure className="chart" data-testid="timeline-chart">
      <div ref={host} className="chart__canvas" role="img" aria-label={`Activity by ${timeline.bucket}: sent, replies, opens and clicks by people`}>
        {width > 0 && (
          <svg width={width} height={HEIGHT} aria-hidden="true">
            {ticks.map((tick) => (
              <g key={tick}>
                <line className="chart__grid" x1={PAD.left} x2={width - PAD.right} y1={y(tick)} y2={y(tick)} />
                <text className="chart__axis" x={PAD.left - 4} y={y(tick)} textAnchor="end" dominantBaseline="middle">
                  {tick.toLocaleString()}
                </text>
              </g>
            ))}
            {times.map((time, index) =>
              index % labelEvery === 0 ? (
                <text key={time} className="chart__axis" x={x(time)} y={HEIGHT - 4} textAnchor="middle">
                  {label(new Date((time - bucketSeconds / 2) * 1000))}
                </text>
              ) : null,
            )}
            {values[0]!.map((value, index) =>
              value > 0 ? (
                <rect
                  key={times[index]}
                  className="chart__series--sent"
                  x={x(times[index]! - bucketSeconds / 2) + 1}
                  width={Math.max(1, slot - 2)}
                  y={y(value)}
                  height={y(0) - y(value)}
                />
              ) : null,
            )}
            {SERIES.slice(1).map((series, offset) => {
              const line = values[offset + 1]!;
              return (
                <g key={series.key} className={`chart__series--${series.key}`}>
                  <polyline fill="none" strokeWidth={2} points={line.map((value, index) => `${x(times[index]!)},${y(value)}`).join(' ')} />
                  {line.map((value, index) => (
                    <circle key={times[index]} cx={x(times[index]!)} cy={y(value)} r={2.5} />
                  ))}
                </g>
              );
            })}
          </svg>
        )}
      </div>
      <ul className="chart__legend" aria-hidden="true">
        {SERIES.map((series) => (
          <li key={series.key}>
            <span className={`chart__swatch chart__series--${series.key}`} /> {series.label}
          </li>
        ))}
      </ul>
      {/* Tables ignore a 1px width, so the hiding is done by a wrapper. */}
      <div className="visually-hidden">
        <table data-testid="timeline-table">
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
                <td>{label(new Date(point.start))}</td>
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

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Timeline, TimelinePoint } from '../../../shared/schemas/analytics';
import { chartData } from './timeline-chart-data';

const HEIGHT = 160;

type SeriesKey = keyof Omit<TimelinePoint, 'start'>;
/** Each series' colour is a theme variable, read at draw time: the canvas cannot use CSS classes, and dark mode changes them. */
const SERIES: Array<{ key: SeriesKey; label: string; color: string }> = [
  { key: 'sent', label: 'Sent', color: '--color-border' },
  { key: 'replies', label: 'Replies', color: '--color-success' },
  { key: 'humanOpens', label: 'Opens (people)', color: '--color-accent' },
  { key: 'humanClicks', label: 'Clicks (people)', color: '--color-warning' },
];

/**
 * Activity over time with uPlot: sent as bars, replies, opens and clicks as lines with a dot at
 * every bucket (so one busy hour still shows). uPlot because it is small (~20 KB gzipped, no
 * dependencies), draws on a canvas (nothing for the panel's CSP to refuse) and scales to years of
 * hourly points; its legend shows the values under the pointer. A table with the same numbers
 * follows for screen readers.
 */
export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const host = useRef<HTMLDivElement | null>(null);
  const points = timeline.points;

  useEffect(() => {
    const element = host.current;
    if (!element || points.length === 0) return;
    const theme = getComputedStyle(element);
    const colour = (variable: string) => theme.getPropertyValue(variable).trim() || 'gray';
    const bucketSeconds = timeline.bucket === 'hour' ? 3_600 : 86_400;
    const { data, range } = chartData(points, bucketSeconds, SERIES.map((series) => series.key));
    // Each bar fills its bucket's slot but for a 2px gap: the server sends every bucket from the first
    // event to the last, so the slot is one bucket wide however few of them hold anything.
    const bars = uPlot.paths.bars?.({ size: [1, Infinity, 2], gap: 2 });
    const chart = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: HEIGHT,
        scales: {
          x: { time: true, auto: false, range },
          y: { range: (_self, _min, max) => [0, Math.max(1, max)] },
        },
        // Labels and colours only: the numbers are in the table below, and a live legend of dashes reads as missing data.
        legend: { live: false },
        axes: [
          { stroke: colour('--color-muted'), grid: { show: false }, ticks: { stroke: colour('--color-border') } },
          { stroke: colour('--color-muted'), grid: { stroke: colour('--color-border'), width: 1 }, ticks: { show: false }, size: 32, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000] },
        ],
        series: [
          { label: timeline.bucket === 'hour' ? 'Hour' : 'Day' },
          ...SERIES.map((series, index) =>
            index === 0
              ? { label: series.label, fill: colour(series.color), stroke: colour(series.color), paths: bars, points: { show: false } }
              : { label: series.label, stroke: colour(series.color), width: 2, points: { show: true, size: 5, fill: colour(series.color) } },
          ),
        ],
      },
      data,
      element,
    );
    // The side panel is resizable: follow its width.
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [points, timeline.bucket]);

  if (points.length === 0) return <p className="muted">No activity yet.</p>;
  const label = (iso: string) =>
    new Date(iso).toLocaleString(undefined, timeline.bucket === 'hour' ? { hour: 'numeric' } : { month: 'short', day: 'numeric' });

  return (
    <figure className="chart" data-testid="timeline-chart">
      <div ref={host} className="chart__canvas" role="img" aria-label={`Activity by ${timeline.bucket}: sent, replies, opens and clicks by people`} />
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


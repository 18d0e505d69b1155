import { describe, expect, it } from 'vitest';
import { chartData } from './timeline-chart-data';

const HOUR = 3_600;
const at = (iso: string) => Date.parse(iso) / 1000;
const point = (start: string, sent: number) => ({ start, sent });

describe('the timeline chart data', () => {
  it('draws each bucket at its middle and runs the axis from the first bucket start to the last bucket end', () => {
    const starts = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2026, 2, 2, 10 + i)).toISOString());
    const { data, range } = chartData(
      starts.map((start, i) => point(start, i)),
      HOUR,
      ['sent'],
    );
    expect(range).toEqual([at('2026-03-02T10:00:00Z'), at('2026-03-02T20:00:00Z')]);
    expect(data[0][0]).toBe(at('2026-03-02T10:30:00Z'));
    // Points one bucket apart: uPlot's bars, sized by the gap between points, are one bucket wide.
    expect(new Set(data[0].slice(1).map((time, i) => time - data[0][i]!))).toEqual(new Set([HOUR]));
    expect(data[1]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('shows a single busy hour as one slot among empty ones, not as a bar the width of the chart', () => {
    const { data, range } = chartData([point('2026-03-02T10:00:00Z', 3)], HOUR, ['sent']);
    expect((range[1] - range[0]) / HOUR).toBe(8);
    expect(data[1]).toEqual([0, 0, 0, 3, 0, 0, 0, 0]);
    expect(data[0][3]).toBe(at('2026-03-02T10:30:00Z'));
    expect(range[0]).toBeLessThan(at('2026-03-02T10:00:00Z'));
    expect(range[1]).toBeGreaterThan(at('2026-03-02T11:00:00Z'));
  });
});

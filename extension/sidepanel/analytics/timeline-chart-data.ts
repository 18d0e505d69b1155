/** Fewer buckets than this and the axis shows empty ones around them: one bar as wide as the chart reads as a block, not an hour. */
const MIN_SLOTS = 8;

/**
 * The chart's data and x range: each bucket drawn at its middle, so its bar covers exactly its hour or day,
 * and the axis runs from the first bucket's start to the last one's end (widened to {@link MIN_SLOTS}
 * with empty buckets on both sides when there are fewer; bars are one bucket wide,
 * so those empty buckets are points too). Seconds; one series per key.
 *
 * @example chartData([{ start: '2026-03-02T10:00:00Z', sent: 3 }], 3600, ['sent']).range // 8 hours around 10:00–11:00
 */
export function chartData<Key extends string>(
  points: readonly ({ start: string } & Record<Key, number>)[],
  bucketSeconds: number,
  keys: readonly Key[],
): { data: [number[], ...number[][]]; range: [number, number] } {
  const middles = points.map((point) => Date.parse(point.start) / 1000 + bucketSeconds / 2);
  const missing = Math.max(0, MIN_SLOTS - points.length);
  const before = Math.floor(missing / 2);
  const after = missing - before;
  const first = middles[0]! - before * bucketSeconds;
  const times = [
    ...Array.from({ length: before }, (_, i) => first + i * bucketSeconds),
    ...middles,
    ...Array.from({ length: after }, (_, i) => middles.at(-1)! + (i + 1) * bucketSeconds),
  ];
  const empty = (n: number) => Array<number>(n).fill(0);
  const data: [number[], ...number[][]] = [times, ...keys.map((key) => [...empty(before), ...points.map((point) => point[key]), ...empty(after)])];
  return { data, range: [times[0]! - bucketSeconds / 2, times.at(-1)! + bucketSeconds / 2] };
}

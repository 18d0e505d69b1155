/** Steps a count axis may take: whole numbers, so a chart of 3 replies never shows 1.5. */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000];

/**
 * The y axis of a count chart: 0 and up to four more ticks, the last at or above `max` (at least 1,
 * so an empty chart still has an axis).
 *
 * @example yAxisTicks(7) // [0, 2, 4, 6, 8]
 */
export function yAxisTicks(max: number): number[] {
  const ceiling = Math.max(1, max);
  const step = STEPS.find((candidate) => ceiling / candidate <= 4) ?? 10 ** Math.ceil(Math.log10(ceiling / 4));
  const count = Math.ceil(ceiling / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

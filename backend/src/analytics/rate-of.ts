/**
 * A rate as the stats answer it: a fraction (0–1) rounded to four decimals; 0 when nothing was
 * sent (or tracked), never NaN.
 *
 * @example rateOf(1, 3) // 0.3333
 */
export const rateOf = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 10_000) / 10_000 : 0);

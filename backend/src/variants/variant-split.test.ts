import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../testing/use-test-app';
import { abTestShare, firstMessageSplitSql, firstMessageVariant, followUpVariant, inAbTest } from './variant-split';

const counts = (values: (number | null | 'held')[]) => {
  const tally = new Map<number | null | 'held', number>();
  for (const value of values) tally.set(value, (tally.get(value) ?? 0) + 1);
  return tally;
};

describe('the A/B split', () => {
  it('gives each of 3 variants 10 of 30 recipients, in turn, and no variant without variants', () => {
    const variants = Array.from({ length: 30 }, (_, k) => firstMessageVariant(k, 3, null));
    expect(variants.slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(counts(variants)).toEqual(new Map([[0, 10], [1, 10], [2, 10]]));
    expect(firstMessageVariant(7, 0, null)).toBeNull();
    expect(followUpVariant(7, 0)).toBeNull();
    expect(followUpVariant(7, 2)).toBe(1);
  });

  it('tests ceil(N × p%) recipients spread through the list from the first, split evenly, and holds the rest', () => {
    for (const [n, percent, variantCount] of [[50, 20, 2], [1000, 5, 3], [7, 50, 2], [101, 33, 5], [3, 5, 2]] as const) {
      const variants = Array.from({ length: n }, (_, k) => firstMessageVariant(k, variantCount, { testPercent: percent }));
      const tested = variants.filter((v) => v !== 'held');
      expect(tested).toHaveLength(abTestShare(n, percent));
      expect(variants[0]).toBe(0);
      const perVariant = [...counts(tested).values()];
      expect(Math.max(...perVariant) - Math.min(...perVariant)).toBeLessThanOrEqual(1);
      // Spread: no stretch of the list without a test recipient longer than 100 / p.
      const places = variants.flatMap((v, k) => (v === 'held' ? [] : [k]));
      for (let i = 1; i < places.length; i++) expect(places[i]! - places[i - 1]!).toBeLessThanOrEqual(Math.ceil(100 / percent));
    }
    expect(abTestShare(50, 20)).toBe(10);
    expect([0, 1, 4, 5, 6].map((k) => inAbTest(k, 20))).toEqual([true, false, false, true, false]);
  });

  const t = useTestApp();
  it('gives the same variants and due times written by SQLite as computed here', async () => {
    for (const [percent, variantCount] of [[5, 2], [20, 3], [33, 5], [50, 2], [null, 4]] as const) {
      const abTest = percent === null ? null : { testPercent: percent };
      const split = firstMessageSplitSql('k', variantCount, abTest, 1_000);
      const rows = await t.db.all<{ k: number; variant: number | null; due: number }>(
        sql.raw(`WITH RECURSIVE keys(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM keys WHERE k < 399)
          SELECT k, ${split.variant} AS variant, ${split.dueAt} AS due FROM keys`),
      );
      for (const row of rows) {
        const expected = firstMessageVariant(row.k, variantCount, abTest);
        expect(row.variant).toBe(expected === 'held' ? null : expected);
        expect(row.due).toBe(expected === 'held' ? 8_640_000_000_000_000 : 1_000);
      }
    }
  });
});

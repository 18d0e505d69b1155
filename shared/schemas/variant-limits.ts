/**
 * The A/B limits and names (issue 18), as plain values without zod so the side panel can offer them
 * without loading the schema library (its JavaScript budget, issue 14); variants.ts validates
 * against them.
 */
export const MAX_VARIANTS = 5;

/** What a winner is judged by: replies, or people's clicks (never opens, which image proxies and scanners inflate). */
export const AB_METRICS = ['replies', 'clicks'] as const;
export type AbMetricName = (typeof AB_METRICS)[number];

const LETTERS = 'ABCDE';
/** "A", "B"… as the panel and the dashboard name variants. */
export const variantLetter = (index: number) => LETTERS[index] ?? String(index + 1);

/** "Pick a winner": the share of recipients tested first (whole percent) and the hours waited after the last of them. */
export const AB_TEST_PERCENT = { min: 5, max: 50 } as const;
export const AB_WAIT_HOURS = { min: 1, max: 336 } as const;

/** Fewer replies (or people's clicks) than this in the whole test say nothing: the split is kept for the rest. */
export const MIN_DECISION_EVENTS = 5;

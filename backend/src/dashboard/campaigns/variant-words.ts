import type { AbDecision, AbMetric, AbTest } from '../../../../shared/schemas/variants';
import { variantLetter } from '../../../../shared/schemas/variants';
import { countOf } from '../lib/count-of';

const number = new Intl.NumberFormat('en');
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });

/** "8%", "33.3%": a rate (0–1) as the dashboard shows it. */
export const percentOf = (rate: number) => percent.format(rate);

/** "4 of 50 (8%)". */
export const countAndRate = (n: number, of: number, rate: number) => `${number.format(n)} of ${number.format(of)} (${percentOf(rate)})`;

/** What the winner is judged by, in the user's words. */
export const METRIC_WORDS: Record<AbMetric, string> = { replies: 'replies', clicks: "people's clicks" };

/**
 * The A/B decision in one sentence (pick-winner.ts made it; these are its own figures):
 * "B won on replies: 4 of 50 (8%) vs 1 of 50 (2%)", "Kept the split: too few replies (3, need 5)".
 * With three variants or more, each of the others is named by its letter.
 */
export function decisionSentence(decision: AbDecision): string {
  const metric = METRIC_WORDS[decision.metric];
  const figures = (v: AbDecision['variants'][number]) => countAndRate(v.events, v.base ?? v.sent, v.rate);
  const named = (list: AbDecision['variants']) =>
    list.length === 1 ? figures(list[0]!) : list.map((v) => `${variantLetter(v.index)} ${figures(v)}`).join(', ');
  switch (decision.outcome) {
    case 'winner': {
      const winner = decision.variants.find((v) => v.index === decision.winner);
      if (!winner) return `${variantLetter(decision.winner ?? 0)} won on ${metric}`;
      return `${variantLetter(winner.index)} won on ${metric}: ${figures(winner)} vs ${named(decision.variants.filter((v) => v !== winner))}`;
    }
    case 'tie': {
      const best = Math.max(...decision.variants.map((v) => v.rate));
      const tied = decision.variants.filter((v) => v.rate === best);
      return `Kept the split: ${tied.map((v) => variantLetter(v.index)).join(' and ')} tied on ${metric}: ${tied.map(figures).join(' vs ')}`;
    }
    case 'too-few': {
      const events = decision.variants.reduce((sum, v) => sum + v.events, 0);
      return `Kept the split: too few ${metric} (${number.format(events)}, need ${number.format(decision.minimumEvents)})`;
    }
  }
}

/** How the recipients are split, before a decision: what will happen, or what is happening. */
export function splitSentence(abTest: AbTest | null | undefined, launched: boolean): string {
  if (!abTest) return 'Recipients are split evenly between the variants, for good.';
  const hours = countOf(abTest.waitHours, 'hour', 'hours');
  const best = abTest.metric === 'replies' ? 'the most replies' : "the most people's clicks";
  return launched
    ? `${abTest.testPercent}% of recipients get the variants first; the one with ${best} goes to the rest ${hours} after the last of them is sent.`
    : `Once launched, ${abTest.testPercent}% of recipients get the variants first; the one with ${best} goes to the rest ${hours} after the last of them is sent.`;
}

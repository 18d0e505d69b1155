import type { AbDecision } from '../../../shared/schemas/variants';
import { formatCount, formatPlural, formatRate } from '../format';
import { variantLetter } from '../campaign-editor/variants/variant-limits';

/**
 * The A/B test's decision in one sentence, with its numbers (issue 18): "B won: 12% replied
 * (6 of 50 sent) against A 4% (2 of 50); B went to the rest." A tie or too few events: the rest were
 * split evenly, and why.
 */
export function abDecisionSentence(decision: AbDecision, locale?: string): string {
  const clicks = decision.metric === 'clicks';
  const figures = (entry: AbDecision['variants'][number]) =>
    `${variantLetter(entry.index)} ${formatRate(entry.rate, { locale })} (${formatCount(entry.events, { locale })} of ${formatCount(entry.base ?? entry.sent, { locale })}${clicks ? ' tracked' : ''})`;
  const byRate = [...decision.variants].sort((a, b) => b.rate - a.rate || a.index - b.index);
  const all = new Intl.ListFormat(locale, { type: 'conjunction' }).format(byRate.map(figures));
  const what = clicks ? 'people clicking' : 'replies';
  if (decision.outcome === 'winner' && decision.winner !== null) {
    const winner = variantLetter(decision.winner);
    return `${winner} won the test on ${what}: ${all}. ${winner} went to the rest.`;
  }
  if (decision.outcome === 'tie') return `A tie on ${what}: ${all}. The rest were split evenly.`;
  const total = decision.variants.reduce((sum, entry) => sum + entry.events, 0);
  return (
    `Too few to pick a winner: ${formatPlural(total, clicks ? { one: 'person clicked', other: 'people clicked' } : { one: 'reply', other: 'replies' }, { locale })} in the test, ` +
    `fewer than ${formatCount(decision.minimumEvents, { locale })}. The rest were split evenly.`
  );
}

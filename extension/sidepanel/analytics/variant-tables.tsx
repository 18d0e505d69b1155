import type { ReactNode } from 'react';
import type { CampaignStats, VariantStats } from '../../../shared/schemas/analytics';
import { formatCount, formatRate } from '../format';
import { variantLetter } from '../campaign-editor/variants/variant-limits';
import { abDecisionSentence } from './ab-decision-sentence';

type Row = { title: string; testId?: string; cell: (variant: VariantStats) => ReactNode };

/** Opens and clicks are seen only of tracked messages: none tracked is no rate, not 0%. */
const ofTracked = (variant: VariantStats, rate: number) => (variant.tracked === 0 ? '–' : formatRate(rate));

const ROWS: Row[] = [
  { title: 'Sent', testId: 'variant-sent', cell: (variant) => formatCount(variant.sent) },
  { title: 'Replies', cell: (variant) => `${formatRate(variant.rates.replied)} (${formatCount(variant.replied)})` },
  { title: 'Opened (people)', cell: (variant) => ofTracked(variant, variant.rates.openedByPeople) },
  { title: 'Clicked (people)', cell: (variant) => ofTracked(variant, variant.rates.clickedByPeople) },
  { title: 'Bounces', cell: (variant) => formatCount(variant.bounced) },
  { title: 'Unsubscribes', cell: (variant) => formatCount(variant.unsubscribed) },
];

/**
 * Each step's A/B variants side by side (issue 18): a column per variant (five fit the panel's
 * width; seven figures across did not), a row per figure: sent, replies, people's opens and clicks
 * as rates (of the tracked messages), bounces, unsubscribes. The winner is marked in words, the
 * subjects are listed by letter, and the test's decision is a sentence with its numbers.
 */
export function VariantTables({ stats }: { stats: CampaignStats }) {
  const steps = stats.steps.filter((step) => (step.variants ?? []).length > 1);
  // An answer may carry the first message's variants only at the top.
  const shown = steps.length === 0 && (stats.variants ?? []).length > 1 ? [{ step: 0, variants: stats.variants ?? [] }] : steps;
  return (
    <>
      {shown.map(({ step, variants = [] }) => (
        <section className="stack" key={step} aria-labelledby={`variants-title-${step}`} data-testid={`variant-stats-${step}`}>
          <h3 className="section-title" id={`variants-title-${step}`}>
            A/B variants: {step === 0 ? 'first message' : `follow-up ${formatCount(step)}`}
          </h3>
          <ul className="variant-subjects">
            {variants.map((variant) => (
              <li key={variant.index} data-testid="variant-name">
                <strong>{variantLetter(variant.index)}</strong>: {variant.subject || <span className="muted">(Re: the first subject)</span>}
              </li>
            ))}
          </ul>
          <table className="data-table" data-testid="variant-table">
            <thead>
              <tr>
                <td />
                {variants.map((variant) => (
                  <th key={variant.index} scope="col" className="num">
                    {variantLetter(variant.index)}
                    {variant.winner && <span className="variant-winner"> (winner)</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row.title}>
                  <th scope="row">{row.title}</th>
                  {variants.map((variant) => (
                    <td key={variant.index} className="num" data-testid={row.testId}>
                      {row.cell(variant)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {step === 0 && stats.abDecision && <p data-testid="ab-decision">{abDecisionSentence(stats.abDecision)}</p>}
        </section>
      ))}
    </>
  );
}

/** @jsxImportSource hono/jsx */
import type { CampaignStats, VariantStats } from '../../../../shared/schemas/analytics';
import type { Campaign } from '../../../../shared/schemas/campaigns';
import { variantLetter } from '../../../../shared/schemas/variants';
import { countAndRate, decisionSentence, splitSentence } from './variant-words';

const number = new Intl.NumberFormat('en');

/** "4 of 50 (8%)" when any were sent (or tracked), else the bare count: no rate of nothing. */
const ofSome = (n: number, of: number, rate: number) => (of > 0 ? countAndRate(n, of, rate) : number.format(n));

/**
 * A campaign's A/B variants (issue 18): per variant its letter, subject, messages sent, replies and
 * people's clicks with their rates, the winner marked; and the decision in words, or how the split
 * works until there is one. Follow-ups with variants get a table each. Nothing when there are none.
 */
export function VariantsSection({ campaign, stats }: { campaign: Campaign; stats: CampaignStats }) {
  const first = stats.variants ?? [];
  const followUps = stats.steps.filter((step) => step.step > 0 && (step.variants ?? []).length > 0);
  if (first.length === 0 && followUps.length === 0) return null;
  const decision = stats.abDecision ?? campaign.abDecision ?? null;
  return (
    <section aria-labelledby="variants-title">
      <h2 id="variants-title">A/B variants</h2>
      {first.length > 0 && (
        <>
          <VariantTable id="variants-first" caption="First message" variants={first} />
          <p class="card" id="ab-decision">
            {decision ? decisionSentence(decision) : splitSentence(campaign.abTest, campaign.status !== 'draft')}
          </p>
        </>
      )}
      {followUps.map((step) => (
        <VariantTable id={`variants-step-${step.step}`} caption={`Follow-up ${step.step}`} variants={step.variants!} />
      ))}
    </section>
  );
}

function VariantTable({ id, caption, variants }: { id: string; caption: string; variants: readonly VariantStats[] }) {
  return (
    <div class="table-scroll card" role="region" aria-labelledby={id} tabindex={0}>
      <table class="stack-table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Subject</th>
            <th scope="col">Sent</th>
            <th scope="col">Replies</th>
            <th scope="col">People's clicks</th>
          </tr>
        </thead>
        <tbody>
          {variants.map((v) => (
            <tr>
              <th scope="row" data-label="Variant">
                {variantLetter(v.index)}
                {v.winner && (
                  <>
                    {' '}
                    <span class="badge badge-ok">Winner</span>
                  </>
                )}
              </th>
              <td data-label="Subject">{v.subject}</td>
              <td data-label="Sent">{number.format(v.sent)}</td>
              <td data-label="Replies">{ofSome(v.replied, v.sent, v.rates.replied)}</td>
              <td data-label="People's clicks">{v.sent > 0 && v.tracked === 0 ? 'Not tracked' : ofSome(v.humanClicks, v.tracked, v.rates.clickedByPeople)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

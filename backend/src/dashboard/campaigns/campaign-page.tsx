/** @jsxImportSource hono/jsx */
import type { CampaignStats } from '../../../../shared/schemas/analytics';
import type { User } from '../../../../shared/schemas/auth';
import type { Campaign } from '../../../../shared/schemas/campaigns';
import { Layout } from '../components/layout';
import { campaignPath, deletePath, recipientCount, recipientsCsvPath, STATUS_WORDS } from './campaign-words';
import { VariantsSection } from './variants-section';
import { countAndRate } from './variant-words';

const number = new Intl.NumberFormat('en');

/**
 * `/campaigns/:id`: one campaign's figures as `GET /api/campaigns/:id/stats` answers them (people
 * first: replies, then people's opens and clicks of the tracked messages), and its A/B variants.
 */
export function CampaignPage({ user, campaign, stats }: { user: User; campaign: Campaign; stats: CampaignStats }) {
  const tracked = stats.tracked ?? stats.sent;
  const ofSent = (n: number, rate: number) => (stats.sent > 0 ? countAndRate(n, stats.sent, rate) : number.format(n));
  const ofTracked = (n: number, rate: number) => (tracked > 0 ? countAndRate(n, tracked, rate) : stats.sent > 0 ? 'Not tracked' : number.format(n));
  return (
    <Layout title={campaign.name} user={user} path={campaignPath(campaign.id)}>
      <p>
        <a href="/campaigns">Back to campaigns</a>
      </p>
      <h1>{campaign.name}</h1>
      <dl class="card details">
        <dt>State</dt>
        <dd>{STATUS_WORDS[campaign.status]}</dd>
        <dt>Recipients</dt>
        <dd>{recipientCount(stats.recipients)}</dd>
        <dt>Sent the first message</dt>
        <dd>{number.format(stats.sent)}</dd>
        <dt>Replied</dt>
        <dd>{ofSent(stats.replied, stats.rates.replied)}</dd>
        <dt>Opened, by people</dt>
        <dd>{ofTracked(stats.opens.human, stats.rates.openedByPeople)}</dd>
        <dt>Clicked, by people</dt>
        <dd>{ofTracked(stats.clicks.human, stats.rates.clickedByPeople)}</dd>
        <dt>Bounced</dt>
        <dd>{ofSent(stats.bounced, stats.rates.bounced)}</dd>
        <dt>Unsubscribed</dt>
        <dd>{ofSent(stats.unsubscribed, stats.rates.unsubscribed)}</dd>
      </dl>
      <VariantsSection campaign={campaign} stats={stats} />
      <p class="actions">
        <a href={recipientsCsvPath(campaign.id)} download>
          Recipients CSV
        </a>
        <a href={deletePath(campaign.id)}>Delete this campaign</a>
      </p>
    </Layout>
  );
}

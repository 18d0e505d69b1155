/** @jsxImportSource hono/jsx */
import type { User } from '../../../../shared/schemas/auth';
import type { Campaign } from '../../../../shared/schemas/campaigns';
import { Layout } from '../components/layout';
import { deletePath, recipientCount, recipientsCsvPath } from './campaign-words';

/** `/campaigns/:id/delete`: what deleting removes (and that a sending campaign stops), before it is done. */
export function DeleteCampaignPage({ user, campaign }: { user: User; campaign: Campaign }) {
  const path = deletePath(campaign.id);
  const stillSending = campaign.status === 'sending' || campaign.status === 'scheduled';
  return (
    <Layout title={`Delete ${campaign.name}`} user={user} path={path}>
      <p>
        <a href="/campaigns">Back to campaigns</a>
      </p>
      <h1>Delete the campaign “{campaign.name}”?</h1>
      <div class="card">
        {stillSending && (
          <p>
            <strong>This campaign is {campaign.status === 'sending' ? 'sending' : 'scheduled'}.</strong> Deleting it stops every
            message and follow-up not yet sent.
          </p>
        )}
        <p>Deleting it removes, for good:</p>
        <ul>
          <li>the campaign, its message and follow-ups;</li>
          <li>its {recipientCount(campaign.counts.total)} and their merge fields;</li>
          <li>its sending history, opens, clicks and replies.</li>
        </ul>
        <p>
          Messages already sent stay in your Gmail Sent folder, and your suppression list is kept. Want a copy first?{' '}
          <a href={recipientsCsvPath(campaign.id)} download>
            Download the recipients as CSV
          </a>
          .
        </p>
        <form method="post" action={path} class="actions">
          <button type="submit" class="danger">
            Delete “{campaign.name}”
          </button>
          <a href="/campaigns">Cancel</a>
        </form>
      </div>
    </Layout>
  );
}

/** @jsxImportSource hono/jsx */
import { StackTable } from '../components/stack-table';
import type { User } from '../../../../shared/schemas/auth';
import type { Campaign } from '../../../../shared/schemas/campaigns';
import { Layout } from '../components/layout';
import { Notice } from '../components/notice';
import { formatDate } from '../lib/format-date';
import { campaignPath, deletePath, recipientCount, recipientsCsvPath, STATUS_WORDS } from './campaign-words';

/** `/campaigns`: every campaign, its recipients as CSV, and deleting one (after a confirmation page). */
export function CampaignsPage({ user, campaigns, deleted }: { user: User; campaigns: readonly Campaign[]; deleted?: string | undefined }) {
  return (
    <Layout title="Campaigns" user={user} path="/campaigns">
      <h1>Campaigns</h1>
      <p>Campaigns are written and sent from the browser extension. Here you can download a campaign's recipients or delete a campaign with all its recipient data.</p>
      {deleted !== undefined && (
        <Notice>
          <p>The campaign “{deleted}” and its recipient data were deleted.</p>
        </Notice>
      )}
      {campaigns.length === 0 ? (
        <p class="card">No campaigns yet.</p>
      ) : (
        <StackTable labelledBy="campaign-list-title" caption="Your campaigns" columns={['Name', 'State', 'Recipients', 'Created']}>
              {campaigns.map((campaign) => (
                <tr>
                  <td data-label="Name">
                    <a href={campaignPath(campaign.id)}>{campaign.name}</a>
                  </td>
                  <td data-label="State">{STATUS_WORDS[campaign.status]}</td>
                  <td data-label="Recipients">
                    {campaign.recipientsDeletedAt ? (
                      // The retention job emptied it (privacy/retention/): say so, rather than a bare "0 recipients".
                      <>
                        Recipients deleted on <time datetime={campaign.recipientsDeletedAt}>{formatDate(campaign.recipientsDeletedAt)}</time>{' (retention setting)'}
                      </>
                    ) : (
                      recipientCount(campaign.counts.total)
                    )}
                  </td>
                  <td data-label="Created">
                    <time datetime={campaign.createdAt}>{formatDate(campaign.createdAt)}</time>
                  </td>
                  <td class="actions">
                    <a href={recipientsCsvPath(campaign.id)} download>
                      Recipients CSV<span class="visually-hidden"> of {campaign.name}</span>
                    </a>
                    <a href={deletePath(campaign.id)}>
                      Delete<span class="visually-hidden"> {campaign.name}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </StackTable>
      )}
    </Layout>
  );
}

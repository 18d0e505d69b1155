import * as z from 'zod';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { accountListSchema } from '../../shared/schemas/accounts';
import { campaignSchema, type CampaignInput } from '../../shared/schemas/campaigns';
import { dashboardAgent } from './dashboard-agent';
import { apiJson, type DashboardUser } from './dashboard-user';

/**
 * Set-up the panel and dashboard e2e tests share: a sandbox Gmail account connected as the
 * dashboard does it, and campaigns made through the public API (what the panel does is the test's
 * subject; what it starts from is not).
 */

/** Connects `sender` in the Gmail sandbox (consent, Allow, callback) with the given account settings; returns its id. */
export async function connectSenderAccount(serverUrl: string, user: DashboardUser, sender: string, settings: Record<string, unknown> = {}): Promise<string> {
  const { response } = await connectSandboxMailbox(dashboardAgent(serverUrl, user.cookie), sender);
  if (response?.status !== 303) throw new Error(`connecting ${sender} answered ${response?.status}`);
  const { accounts } = accountListSchema.parse(await apiJson(serverUrl, user.token, '/api/accounts'));
  const account = accounts.find((a) => a.email === sender);
  if (!account) throw new Error(`${sender} is not among ${JSON.stringify(accounts)}`);
  await apiJson(serverUrl, user.token, `/api/accounts/${account.id}`, { method: 'PATCH', json: { minGapSeconds: 0, maxGapSeconds: 0, ...settings } });
  return account.id;
}

/** Any day, any hour, in UTC: a launched campaign sends at once, whenever the test runs. */
export const ALWAYS_OPEN = { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };

/** A campaign made through the API, with its recipients added; returns its id. */
export async function campaignWithRecipients(
  serverUrl: string,
  user: DashboardUser,
  input: CampaignInput,
  recipients: ReadonlyArray<{ email: string; fields?: Record<string, string> }>,
): Promise<string> {
  const { id } = campaignSchema.pick({ id: true }).parse(await apiJson(serverUrl, user.token, '/api/campaigns', { method: 'POST', json: input }));
  if (recipients.length > 0) {
    await apiJson(serverUrl, user.token, `/api/campaigns/${id}/recipients`, { method: 'POST', json: { recipients } });
  }
  return id;
}

/** The user's campaigns as the API lists them (id and name). */
export async function listedCampaigns(serverUrl: string, user: DashboardUser): Promise<Array<{ id: string; name: string }>> {
  const schema = z.object({ campaigns: z.array(campaignSchema.pick({ id: true, name: true })) });
  return schema.parse(await apiJson(serverUrl, user.token, '/api/campaigns')).campaigns;
}

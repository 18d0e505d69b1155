import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { accountListSchema } from '../../../shared/schemas/accounts';
import { campaignStatsSchema } from '../../../shared/schemas/analytics';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { testSendResultSchema } from '../../../shared/schemas/launch';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp } from '../testing/sandboxed-test-app';
import { signedInEach } from '../testing/use-test-app';

const { t, agent } = signedInEach(() => `user-${crypto.randomUUID().slice(0, 6)}@example.com`, () => createSandboxedTestApp());

async function campaignWithTwoRecipients() {
  await connectSandboxMailbox(agent, 'sender@gmail.com', { query: 'timezone=Europe/Paris' });
  const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
  const accountId = accounts[0]!.id;
  const created = await agent.post('/api/campaigns', { name: 'Test sends', subject: 'Hello {{ first name }}', html: '<p>Hi {{ first name }} at {{ company }}</p>', accountIds: [accountId] });
  const campaign = campaignSchema.parse(await created.json());
  const added = await agent.post(`/api/campaigns/${campaign.id}/recipients`, {
    recipients: [
      { email: 'ada@example.com', fields: { 'first name': 'Ada', company: 'AE' } },
      { email: 'bob@example.com', fields: { 'first name': 'Bob', company: 'Bee Ltd' } },
    ],
  });
  expect(added.status).toBe(201);
  return { accountId, campaign };
}

async function sentMessages() {
  const { body } = await t.control('GET', '/mailboxes/sender%40gmail.com/messages');
  return Promise.all((body as { raw: string }[]).map((message) => PostalMime.parse(Buffer.from(message.raw, 'base64url'))));
}

describe('test send, to anyone, as the previewed recipient', () => {
  it('sends the previewed recipient\'s version to the typed addresses, marked [Test], and counts nothing in stats', async () => {
    const { accountId, campaign } = await campaignWithTwoRecipients();
    const response = await agent.post(`/api/campaigns/${campaign.id}/test`, {
      accountId,
      recipient: '1',
      to: [' Pat <pat@colleague.test>', 'lee@colleague.test', 'PAT@colleague.test'],
    });
    expect(response.status).toBe(200);
    expect(testSendResultSchema.parse(await response.json())).toMatchObject({
      sentTo: 'pat@colleague.test, lee@colleague.test',
      to: ['pat@colleague.test', 'lee@colleague.test'],
      subject: '[Test] Hello Bob',
      recipient: 'bob@example.com',
    });
    const [mail] = await sentMessages();
    expect(mail!.to?.map((a) => a.address)).toEqual(['pat@colleague.test', 'lee@colleague.test']);
    expect(mail!.subject).toBe('[Test] Hello Bob');
    expect(mail!.html).toContain('Hi Bob at Bee Ltd');

    // No send job, no recipient touched: the campaign's numbers stay at zero.
    const stats = campaignStatsSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/stats`)).json());
    expect(stats).toMatchObject({ sent: 0, pending: 2, opens: { total: 0 }, clicks: { total: 0 } });
    const jobs = await t.client.execute({ sql: 'SELECT count(*) AS n FROM send_jobs WHERE campaign_id = ?', args: [campaign.id] });
    expect(jobs.rows[0]!.n).toBe(0);
  });

  it('sends to the account\'s own address when no address is typed', async () => {
    const { accountId, campaign } = await campaignWithTwoRecipients();
    const response = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId });
    expect(testSendResultSchema.parse(await response.json())).toMatchObject({ sentTo: 'sender@gmail.com', to: ['sender@gmail.com'], subject: '[Test] Hello Ada' });
  });

  it('refuses more than five addresses and names an address that is not one', async () => {
    const { accountId, campaign } = await campaignWithTwoRecipients();
    const many = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, to: ['a@x.test', 'b@x.test', 'c@x.test', 'd@x.test', 'e@x.test', 'f@x.test'] });
    expect(many.status).toBe(400);
    expect((await many.json()).errors).toEqual([{ field: 'to', message: 'At most 5 addresses' }]);
    const bad = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, to: ['ok@x.test', 'pat at x.test'] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([{ field: 'to.1', message: 'pat at x.test: The address has no @' }]);
    expect(await sentMessages()).toHaveLength(0);
  });
});

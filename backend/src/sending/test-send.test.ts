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

  it('sends the previewed follow-up, not the first message, and names a step the campaign does not have', async () => {
    const { accountId, campaign } = await campaignWithTwoRecipients();
    // Read again: the import moved the campaign's version on.
    const { version } = campaignSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}`)).json());
    const patched = await agent.patch(`/api/campaigns/${campaign.id}`, {
      version,
      followUps: [
        { delayHours: 48, subject: null, html: '<p>Bumping this, {{ first name }}</p>' },
        { delayHours: 96, subject: 'Last note for {{ company }}', html: '<p>Closing the loop, {{ first name }}</p>' },
      ],
    });
    expect(patched.status).toBe(200);

    const second = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, recipient: '1', to: ['pat@colleague.test'], step: 2 });
    expect(second.status).toBe(200);
    expect(testSendResultSchema.parse(await second.json())).toMatchObject({ subject: '[Test] Last note for Bee Ltd', recipient: 'bob@example.com' });
    const first = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, recipient: '0', to: ['pat@colleague.test'], step: 1 });
    expect(testSendResultSchema.parse(await first.json())).toMatchObject({ subject: '[Test] Re: Hello Ada' });
    const mails = await sentMessages();
    expect(mails.map((mail) => mail.subject)).toEqual(['[Test] Last note for Bee Ltd', '[Test] Re: Hello Ada']);
    expect(mails[0]!.html).toContain('Closing the loop, Bob');
    expect(mails[0]!.html).not.toContain('Hi Bob at Bee Ltd');

    const missing = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, step: 3 });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([{ field: 'step', message: 'The campaign has no follow-up 3' }]);
    const negative = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, step: -1 });
    expect(negative.status).toBe(400);
    expect((await negative.json()).errors[0].field).toBe('step');
    expect(await sentMessages()).toHaveLength(2);
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

import { describe, expect, it } from 'vitest';
import { accountListSchema } from '../../../shared/schemas/accounts';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { previewSchema } from '../../../shared/schemas/launch';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp } from '../testing/sandboxed-test-app';
import { signedInEach } from '../testing/use-test-app';

const { agent } = signedInEach(() => `preview-${crypto.randomUUID().slice(0, 6)}@example.com`, () => createSandboxedTestApp());

async function campaignWithFollowUps(signatureHtml: string) {
  await connectSandboxMailbox(agent, 'sender@gmail.com');
  const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
  const accountId = accounts[0]!.id;
  expect((await agent.patch(`/api/accounts/${accountId}`, { signatureHtml })).status).toBe(200);
  const created = await agent.post('/api/campaigns', {
    name: 'Steps',
    subject: 'Hello {{ first name }}',
    html: '<p>Hi {{ first name }}</p>',
    accountIds: [accountId],
    followUps: [
      { delayHours: 0, html: '<p>Bump, {{ first name }}</p><p>Second paragraph</p>' },
      { delayHours: 24, subject: 'Last note for {{ company | you }}', html: '<p>Last one</p>' },
    ],
  });
  expect(created.status).toBe(201);
  const campaign = campaignSchema.parse(await created.json());
  expect((await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'ann@example.com', fields: { 'first name': 'Ann' } }] })).status).toBe(201);
  return campaign;
}

const preview = async (id: string, query: string) => previewSchema.parse(await (await agent.get(`/api/campaigns/${id}/preview?${query}`)).json());

describe('preview of each step', () => {
  it('renders the first message by default and each follow-up by its number, with the sender subject rule', async () => {
    const campaign = await campaignWithFollowUps('<p>Ada, Sales</p>');
    expect(await preview(campaign.id, 'recipient=0')).toMatchObject({ step: 0, subject: 'Hello Ann', html: '<p>Hi Ann</p>' });
    expect(await preview(campaign.id, 'recipient=0&step=1')).toMatchObject({
      step: 1,
      subject: 'Re: Hello Ann',
      html: '<p>Bump, Ann</p><p>Second paragraph</p>',
    });
    expect(await preview(campaign.id, 'step=2')).toMatchObject({ step: 2, subject: 'Last note for you', html: '<p>Last one</p>' });
  });

  it('carries the first sending account\'s signature, as the sender appends it', async () => {
    const campaign = await campaignWithFollowUps('<p>Ada, Sales</p>');
    expect((await preview(campaign.id, 'step=1')).signature).toEqual({ account: 'sender@gmail.com', html: '<p>Ada, Sales</p>' });
  });

  it('says there is no signature when the account has none', async () => {
    const campaign = await campaignWithFollowUps('');
    expect((await preview(campaign.id, 'step=0')).signature).toBeNull();
  });

  it('answers 404 for a follow-up the campaign does not have, and 400 naming a step that is not a number', async () => {
    const campaign = await campaignWithFollowUps('');
    expect((await agent.get(`/api/campaigns/${campaign.id}/preview?step=3`)).status).toBe(404);
    const bad = await agent.get(`/api/campaigns/${campaign.id}/preview?step=-1`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((error: { field: string }) => error.field)).toEqual(['step']);
  });
});

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

describe('preview of a launched recipient\'s own A/B variant', () => {
  const A = { subject: 'Version A for {{ first name }}', html: '<p>A body</p>' };
  const B = { subject: 'Version B for {{ first name }}', html: '<p>B body</p>' };

  async function launched(extra: Record<string, unknown>, people: string[]) {
    await connectSandboxMailbox(agent, 'sender@gmail.com', { query: 'timezone=UTC' });
    const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
    const created = await agent.post('/api/campaigns', {
      name: 'A/B preview',
      accountIds: [accounts[0]!.id],
      variants: [A, B],
      followUps: [{ delayHours: 24, html: '-', variants: [{ html: '<p>F-A</p>' }, { subject: 'Own F-B', html: '<p>F-B</p>' }] }],
      ...extra,
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const campaign = campaignSchema.parse(await created.json());
    const recipients = people.map((name) => ({ email: `${name.toLowerCase()}@example.com`, fields: { 'first name': name } }));
    expect((await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients })).status).toBe(201);
    expect((await agent.post(`/api/campaigns/${campaign.id}/launch`, {})).status).toBe(200);
    return campaign;
  }

  it('shows each recipient the variant their job has, and the one asked when `variant` is given', async () => {
    // Split by launch order: Ann A, Bob B (first message and follow-up alike).
    const campaign = await launched({}, ['Ann', 'Bob']);
    expect(await preview(campaign.id, 'recipient=0')).toMatchObject({ subject: 'Version A for Ann', variant: 0, variantCount: 2 });
    expect(await preview(campaign.id, 'recipient=1')).toMatchObject({ subject: 'Version B for Bob', html: '<p>B body</p>', variant: 1 });
    expect(await preview(campaign.id, 'recipient=1&variant=0')).toMatchObject({ subject: 'Version A for Bob', variant: 0 });
    // The follow-up not sent yet: the variant the split rule gives it, "Re: " the first message's own.
    expect(await preview(campaign.id, 'recipient=1&step=1')).toMatchObject({ subject: 'Own F-B', html: '<p>F-B</p>', variant: 1 });
    expect(await preview(campaign.id, 'recipient=0&step=1')).toMatchObject({ subject: 'Re: Version A for Ann', html: '<p>F-A</p>', variant: 0 });
    expect(await preview(campaign.id, 'recipient=1&step=1&variant=0')).toMatchObject({ subject: 'Re: Version B for Bob', html: '<p>F-A</p>', variant: 0 });
  });

  it('shows A to a recipient still waiting for the A/B test\'s winner', async () => {
    // A 20% test of 5: only the first recipient is in it (variant A); the other four wait.
    const campaign = await launched({ abTest: { metric: 'replies', testPercent: 20, waitHours: 1 } }, ['Ann', 'Bob', 'Cy', 'Di', 'Ed']);
    expect(await preview(campaign.id, 'recipient=1')).toMatchObject({ subject: 'Version A for Bob', variant: 0, variantCount: 2 });
    expect(await preview(campaign.id, 'recipient=1&variant=1')).toMatchObject({ subject: 'Version B for Bob', variant: 1 });
  });
});

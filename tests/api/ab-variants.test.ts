import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { accountListSchema } from '../../shared/schemas/accounts';
import { campaignSchema, type Campaign } from '../../shared/schemas/campaigns';
import { preflightSchema, previewSchema, testSendResultSchema } from '../../shared/schemas/launch';
import { signedInAgent } from '../../backend/src/testing/browser-agent';
import { connectSandboxMailbox } from '../../backend/src/testing/connect-gmail';
import { createSandboxedTestApp } from '../../backend/src/testing/sandboxed-test-app';
import { signedInEach } from '../../backend/src/testing/use-test-app';

/**
 * A/B variants through the API (issue 18): stored and answered, variant A kept equal to the subject
 * and body, locked after launch like them, copied by Duplicate, exported, previewed and test-sent one
 * by one, and checked by the preflight. The real app, database and Gmail sandbox.
 */
const { t, agent } = signedInEach(() => `ab-${crypto.randomUUID().slice(0, 6)}@example.com`, () => createSandboxedTestApp());

const A = { subject: 'Quick question, {{ first name | there }}', html: '<p>Hi {{ first name | there }}, version A.</p>' };
const B = { subject: 'A better offer for {{ company }}', html: '<p>Hello, version B for {{ company }}.</p>' };

async function connectAccount(email = 'sender@gmail.com') {
  await connectSandboxMailbox(agent, email, { query: 'timezone=UTC' });
  const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
  return accounts.find((account) => account.email === email)!.id;
}

async function create(body: Record<string, unknown>): Promise<Campaign> {
  const response = await agent.post('/api/campaigns', { name: 'A/B', ...body });
  expect(response.status, await response.clone().text()).toBe(201);
  return campaignSchema.parse(await response.json());
}

async function get(id: string): Promise<Campaign> {
  return campaignSchema.parse(await (await agent.get(`/api/campaigns/${id}`)).json());
}

async function addRecipients(id: string, recipients: { email: string; fields?: Record<string, string> }[]) {
  expect((await agent.post(`/api/campaigns/${id}/recipients`, { recipients })).status).toBe(201);
}

const fieldsOf = async (response: Response) => ((await response.json()).errors as { field: string }[]).map((error) => error.field);

describe('variants in the campaign', () => {
  it('stores the first message\'s variants with variant A as its subject and body, and answers them', async () => {
    const created = await create({ variants: [A, B], abTest: { metric: 'replies', testPercent: 20, waitHours: 24 } });
    expect(created).toMatchObject({ subject: A.subject, html: A.html, variants: [A, B], abTest: { metric: 'replies', testPercent: 20, waitHours: 24 }, abDecision: null });
    expect(await get(created.id)).toMatchObject({ subject: A.subject, html: A.html, variants: [A, B] });
    // The same subject and body beside the variants are no contradiction.
    expect((await create({ subject: A.subject, html: A.html, variants: [A, B] })).variants).toEqual([A, B]);
    // None: a campaign as before.
    expect(await create({ subject: 'Plain', html: '<p>Plain</p>' })).toMatchObject({ variants: [], abTest: null, abDecision: null });
  });

  it('refuses a subject or body that contradicts variant A with 422 naming the variant\'s field, never picking one', async () => {
    const subject = await agent.post('/api/campaigns', { name: 'x', subject: 'Another subject', variants: [A, B] });
    expect(subject.status).toBe(422);
    expect(await fieldsOf(subject)).toEqual(['variants.0.subject']);
    const campaign = await create({ variants: [A, B] });
    const both = await agent.patch(`/api/campaigns/${campaign.id}`, { subject: 'X', html: '<p>Y</p>', variants: [A, B] });
    expect(both.status).toBe(422);
    expect(await both.json()).toMatchObject({ type: '/problems/contradictory-fields', status: 422 });
    expect(await get(campaign.id)).toMatchObject({ subject: A.subject, variants: [A, B], version: 1 });
  });

  it('edits variant A with the subject or body alone, and removes the variants (and the test) with an empty list', async () => {
    const campaign = await create({ variants: [A, B], abTest: { metric: 'replies' } });
    const subject = await agent.patch(`/api/campaigns/${campaign.id}`, { subject: 'New A subject' });
    expect(campaignSchema.parse(await subject.json()).variants).toEqual([{ ...A, subject: 'New A subject' }, B]);
    const html = await agent.patch(`/api/campaigns/${campaign.id}`, { html: '<p>New A body</p>' });
    expect(campaignSchema.parse(await html.json())).toMatchObject({ html: '<p>New A body</p>', variants: [{ subject: 'New A subject', html: '<p>New A body</p>' }, B] });
    const replaced = await agent.patch(`/api/campaigns/${campaign.id}`, { variants: [B, A, { subject: 'C', html: '<p>C</p>' }] });
    expect(campaignSchema.parse(await replaced.json())).toMatchObject({ subject: B.subject, html: B.html, variants: [B, A, { subject: 'C' }] });
    const removed = campaignSchema.parse(await (await agent.patch(`/api/campaigns/${campaign.id}`, { variants: [] })).json());
    expect(removed).toMatchObject({ subject: B.subject, html: B.html, variants: [], abTest: null });
  });

  it('names the field of variants that cannot be: one alone, six, a test without variants, a subject over two lines', async () => {
    const campaign = await create({ subject: 'S', html: '<p>b</p>' });
    const cases: [unknown, string][] = [
      [{ variants: [A] }, 'variants'],
      [{ variants: Array.from({ length: 6 }, () => A) }, 'variants'],
      [{ abTest: { metric: 'replies' } }, 'abTest'],
      [{ abTest: { metric: 'opens' } }, 'abTest.metric'],
      [{ variants: [A, { subject: 'two\nlines', html: '' }] }, 'variants.1.subject'],
      [{ followUps: [{ delayHours: 1, html: '<p>f</p>', variants: [{ html: '<p>1</p>' }] }] }, 'followUps.0.variants'],
    ];
    for (const [body, field] of cases) {
      const response = await agent.patch(`/api/campaigns/${campaign.id}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await fieldsOf(response)).toContain(field);
    }
    expect((await get(campaign.id)).version).toBe(1);
  });

  it('writes a follow-up\'s variant A as its own subject and body, and reads a follow-up stored before variants as having none', async () => {
    const campaign = await create({
      subject: 'S',
      html: '<p>b</p>',
      followUps: [{ delayHours: 24, html: '<p>ignored</p>', variants: [{ subject: null, html: '<p>F-A</p>' }, { subject: 'F-B', html: '<p>F-B</p>' }] }],
    });
    expect(campaign.followUps[0]).toMatchObject({ subject: null, html: '<p>F-A</p>', variants: [{ subject: null, html: '<p>F-A</p>' }, { subject: 'F-B' }] });
    await t.client.execute({
      sql: `UPDATE campaigns SET follow_ups = '[{"delayHours":24,"subject":null,"html":"<p>old</p>","condition":"no_reply"}]' WHERE id = ?`,
      args: [campaign.id],
    });
    expect((await get(campaign.id)).followUps).toEqual([{ delayHours: 24, subject: null, html: '<p>old</p>', condition: 'no_reply', variants: [] }]);
  });
});

describe('after launch', () => {
  it('locks the first message\'s variants and test like its subject, and a follow-up\'s variants once it has started', async () => {
    const accountId = await connectAccount();
    const followUp = { delayHours: 48, subject: null, html: '<p>F-A</p>', condition: 'no_reply', variants: [{ subject: null, html: '<p>F-A</p>' }, { subject: null, html: '<p>F-B</p>' }] };
    const campaign = await create({ accountIds: [accountId], variants: [A, B], followUps: [followUp, { delayHours: 48, html: '<p>second</p>' }] });
    await addRecipients(campaign.id, [{ email: 'a@example.com', fields: { 'first name': 'Ann', company: 'Acme' } }]);
    expect((await agent.post(`/api/campaigns/${campaign.id}/launch`, {})).status).toBe(200);

    const locked = await agent.patch(`/api/campaigns/${campaign.id}`, { variants: [B, A], abTest: { metric: 'replies' } });
    expect(locked.status).toBe(400);
    expect(await fieldsOf(locked)).toEqual(['variants', 'abTest']);
    // Follow-up 1 has not started: its variants may still change.
    const changed = { ...followUp, variants: [followUp.variants[0], { subject: 'Other', html: '<p>F-B2</p>' }] };
    const edit = await agent.patch(`/api/campaigns/${campaign.id}`, { followUps: [changed, { delayHours: 48, html: '<p>second</p>' }] });
    expect(edit.status, await edit.clone().text()).toBe(200);

    // Once follow-up 1 has a job, its variants are what was sent.
    await t.client.execute({
      sql: `INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at)
            SELECT campaign_id, recipient_id, user_id, 1, 'queued', due_at, 0, message_id || '.1', created_at FROM send_jobs WHERE campaign_id = ? AND step = 0`,
      args: [campaign.id],
    });
    const late = await agent.patch(`/api/campaigns/${campaign.id}`, { followUps: [followUp, { delayHours: 48, html: '<p>second</p>' }] });
    expect(late.status).toBe(400);
    expect(await fieldsOf(late)).toEqual(['followUps.0']);
    // The same steps as stored, and a change to the one not started, go through.
    const kept = await agent.patch(`/api/campaigns/${campaign.id}`, { followUps: [changed, { delayHours: 48, html: '<p>second, edited</p>' }] });
    expect(kept.status, await kept.clone().text()).toBe(200);
  });

  it('takes a follow-up stored before variants as unchanged when the panel sends it back with none', async () => {
    const accountId = await connectAccount();
    const campaign = await create({ accountIds: [accountId], subject: 'S', html: '<p>b</p>', followUps: [{ delayHours: 1, html: '<p>old</p>' }] });
    await addRecipients(campaign.id, [{ email: 'a@example.com' }]);
    expect((await agent.post(`/api/campaigns/${campaign.id}/launch`, {})).status).toBe(200);
    await t.client.execute({
      sql: `UPDATE campaigns SET follow_ups = '[{"delayHours":1,"subject":null,"html":"<p>old</p>","condition":"no_reply"}]' WHERE id = ?`,
      args: [campaign.id],
    });
    await t.client.execute({
      sql: `INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, created_at)
            SELECT campaign_id, recipient_id, user_id, 1, 'queued', due_at, 0, message_id || '.1', created_at FROM send_jobs WHERE campaign_id = ? AND step = 0`,
      args: [campaign.id],
    });
    const same = await agent.patch(`/api/campaigns/${campaign.id}`, { name: 'Renamed', followUps: (await get(campaign.id)).followUps });
    expect(same.status, await same.clone().text()).toBe(200);
  });
});

describe('duplicate and export', () => {
  it('copies the variants and the test, never the original\'s decision, and exports them with each delivery\'s variant', async () => {
    const accountId = await connectAccount();
    const campaign = await create({ accountIds: [accountId], variants: [A, B], abTest: { metric: 'replies', testPercent: 50 } });
    await addRecipients(campaign.id, [{ email: 'a@example.com', fields: { company: 'Acme' } }, { email: 'b@example.com', fields: { company: 'Bolt' } }]);
    expect((await agent.post(`/api/campaigns/${campaign.id}/launch`, {})).status).toBe(200);
    const decision = { decidedAt: '2026-12-01T00:00:00.000Z', metric: 'replies', outcome: 'too-few', winner: null, minimumEvents: 5, variants: [] };
    await t.client.execute({ sql: 'UPDATE campaigns SET ab_decision = ? WHERE id = ?', args: [JSON.stringify(decision), campaign.id] });
    expect((await get(campaign.id)).abDecision).toEqual(decision);

    const copy = campaignSchema.parse(await (await agent.post(`/api/campaigns/${campaign.id}/duplicate`)).json());
    expect(copy).toMatchObject({ status: 'draft', subject: A.subject, variants: [A, B], abTest: { metric: 'replies', testPercent: 50, waitHours: 24 }, abDecision: null });

    const exported = await (await agent.get('/api/export')).json();
    const original = exported.campaigns.find((c: { id: string }) => c.id === campaign.id);
    expect(original).toMatchObject({ variants: [A, B], abTest: { testPercent: 50 }, abDecision: decision });
    // 50% of two: the first recipient is in the test (variant A), the second waits for the winner.
    expect(original.deliveries.map((d: { step: number; variant: number | null }) => [d.step, d.variant])).toEqual([[0, 0], [0, null]]);
  });
});

describe('preview and test send of a variant', () => {
  it('previews each variant of the first message and of a follow-up, and names `variant` past the last', async () => {
    const campaign = await create({
      variants: [A, B],
      followUps: [{ delayHours: 24, html: '-', variants: [{ html: '<p>F-A</p>' }, { subject: 'Own F-B', html: '<p>F-B</p>' }] }, { delayHours: 24, html: '<p>plain</p>' }],
    });
    await addRecipients(campaign.id, [{ email: 'ann@example.com', fields: { 'first name': 'Ann', company: 'Acme' } }]);
    const preview = async (query: string) => {
      const response = await agent.get(`/api/campaigns/${campaign.id}/preview?${query}`);
      expect(response.status, query).toBe(200);
      return previewSchema.parse(await response.json());
    };
    expect(await preview('')).toMatchObject({ subject: 'Quick question, Ann', variant: 0, variantCount: 2 });
    expect(await preview('variant=1')).toMatchObject({ subject: 'A better offer for Acme', html: expect.stringContaining('version B for Acme'), text: expect.stringContaining('version B for Acme'), variant: 1, variantCount: 2 });
    expect(await preview('step=1&variant=0')).toMatchObject({ subject: 'Re: Quick question, Ann', html: expect.stringContaining('F-A'), variantCount: 2 });
    expect(await preview('step=1&variant=1')).toMatchObject({ subject: 'Own F-B', html: expect.stringContaining('F-B'), variant: 1 });
    expect(await preview('step=2')).toMatchObject({ variant: 0, variantCount: 1 });

    for (const query of ['variant=2', 'step=2&variant=1', 'variant=9', 'variant=-1', 'variant=B']) {
      const response = await agent.get(`/api/campaigns/${campaign.id}/preview?${query}`);
      expect(response.status, query).toBe(400);
      expect(await fieldsOf(response), query).toEqual(['variant']);
    }
  });

  it('previews a follow-up with "Re: " and the subject of the variant this recipient\'s first message has', async () => {
    const accountId = await connectAccount();
    const campaign = await create({ accountIds: [accountId], variants: [A, B], followUps: [{ delayHours: 24, html: '<p>Following up</p>' }] });
    await addRecipients(campaign.id, [
      { email: 'ann@example.com', fields: { 'first name': 'Ann', company: 'Acme' } },
      { email: 'bob@example.com', fields: { 'first name': 'Bob', company: 'Bolt' } },
    ]);
    expect((await agent.post(`/api/campaigns/${campaign.id}/launch`, {})).status).toBe(200);
    // Split by launch order: Ann A, Bob B.
    const subject = async (recipient: string) => previewSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preview?step=1&recipient=${recipient}`)).json()).subject;
    expect(await subject('0')).toBe('Re: Quick question, Ann');
    expect(await subject('1')).toBe('Re: A better offer for Bolt');
  });

  it('test-sends the variant asked for and says which, naming `variant` when the step has fewer', async () => {
    const accountId = await connectAccount();
    const campaign = await create({ accountIds: [accountId], variants: [A, B], followUps: [{ delayHours: 24, html: '<p>plain follow-up</p>' }] });
    await addRecipients(campaign.id, [{ email: 'ann@example.com', fields: { 'first name': 'Ann', company: 'Acme' } }]);
    const response = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, variant: 1 });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(testSendResultSchema.parse(await response.json())).toMatchObject({ subject: '[Test] A better offer for Acme', variant: 1 });
    const { body } = await t.control('GET', '/mailboxes/sender%40gmail.com/messages');
    const sent = await PostalMime.parse(Buffer.from(body[0].raw, 'base64url'));
    expect(sent.subject).toBe('[Test] A better offer for Acme');
    expect(sent.html).toContain('version B for Acme');
    expect(sent.html).not.toContain('version A');

    for (const request of [{ variant: 2 }, { step: 1, variant: 1 }]) {
      const refused = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, ...request });
      expect(refused.status, JSON.stringify(request)).toBe(400);
      expect(await fieldsOf(refused)).toEqual(['variant']);
    }
    const hostile = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, variant: '1' });
    expect(hostile.status).toBe(400);
    expect(await fieldsOf(hostile)).toEqual(['variant']);
    expect((await t.control('GET', '/mailboxes/sender%40gmail.com/messages')).body).toHaveLength(1);
  });

  it('test-sends a follow-up\'s variant with "Re: " and the subject of the first-message variant the recipient got', async () => {
    const accountId = await connectAccount();
    const followUp = { delayHours: 24, html: '-', variants: [{ html: '<p>F-A</p>' }, { html: '<p>F-B for {{ company }}</p>' }] };
    const campaign = await create({ accountIds: [accountId], variants: [A, B], followUps: [followUp] });
    await addRecipients(campaign.id, [
      { email: 'ann@example.com', fields: { 'first name': 'Ann', company: 'Acme' } },
      { email: 'bob@example.com', fields: { 'first name': 'Bob', company: 'Bolt' } },
    ]);
    expect((await agent.post(`/api/campaigns/${campaign.id}/launch`, {})).status).toBe(200);
    const response = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, recipient: '1', step: 1, variant: 1 });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(testSendResultSchema.parse(await response.json())).toMatchObject({ subject: '[Test] Re: A better offer for Bolt', recipient: 'bob@example.com', variant: 1 });
    const { body } = await t.control('GET', '/mailboxes/sender%40gmail.com/messages');
    const sent = await PostalMime.parse(Buffer.from(body.at(-1).raw, 'base64url'));
    expect(sent.html).toContain('F-B for Bolt');
  });
});

describe('preflight over the variants', () => {
  it('names the variant where a missing field is written, and blocks a variant without subject or body by its letter', async () => {
    const accountId = await connectAccount();
    const campaign = await create({
      accountIds: [accountId],
      variants: [A, B, { subject: ' ', html: '<p>C</p>' }],
      followUps: [{ delayHours: 24, html: '-', variants: [{ html: '<p>F-A</p>' }, { html: ' ' }] }, { delayHours: 24, html: '-', variants: [{ html: '<p>F-A</p>' }, { html: '<p>{{ company }}</p>' }] }],
    });
    await addRecipients(campaign.id, [{ email: 'ann@example.com', fields: { 'first name': 'Ann' } }]);
    const check = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight?allowBlank=true`)).json());
    // `company` is only in variant B: a recipient may get B, so it is needed.
    expect(check.missingFields).toMatchObject({ count: 1, fields: ['company'], places: [{ field: 'company', places: ['Variant B subject', 'Variant B body', 'follow-up 2 variant B body'] }] });
    expect(check.blockers.filter((b) => b.code === 'variant-empty').map((b) => b.message)).toEqual([
      expect.stringMatching(/^Variant C has no subject/),
      expect.stringMatching(/^Follow-up 1, variant B has no message/),
    ]);
    expect(check.variants).toEqual({ count: 3, testRecipients: 1, waitingForWinner: 0 });
  });

  it('says how many the test splits and how many wait, warns when a variant gets fewer than 5, and blocks a clicks test without click tracking', async () => {
    const accountId = await connectAccount();
    const campaign = await create({ accountIds: [accountId], variants: [A, B], abTest: { metric: 'clicks', testPercent: 20 }, tracking: { opens: true, clicks: false } });
    await addRecipients(campaign.id, Array.from({ length: 30 }, (_, i) => ({ email: `r${i}@example.com`, fields: { 'first name': 'R', company: 'C' } })));
    const check = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
    expect(check.variants).toEqual({ count: 2, testRecipients: 6, waitingForWinner: 24 });
    expect(check.blockers.map((b) => b.code)).toContain('ab-clicks-untracked');
    expect(check.warnings?.find((w) => w.code === 'ab-test-small')?.message).toMatch(/sends to 6 recipients of 30, as few as 3 per variant/);

    const fixed = await agent.patch(`/api/campaigns/${campaign.id}`, { tracking: { opens: true, clicks: true }, abTest: { metric: 'clicks', testPercent: 50 } });
    expect(fixed.status).toBe(200);
    const again = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
    expect(again.variants).toEqual({ count: 2, testRecipients: 15, waitingForWinner: 15 });
    expect(again.blockers).toEqual([]);
    expect(again.warnings?.map((w) => w.code)).not.toContain('ab-test-small');
  });

  it('measures the largest variant against Gmail\'s size limit', async () => {
    const small = await create({ subject: 'S', html: '<p>short</p>' });
    const big = await create({ variants: [{ subject: 'S', html: '<p>short</p>' }, { subject: 'S', html: `<p>${'x'.repeat(400_000)}</p>` }] });
    const largest = async (id: string) => preflightSchema.parse(await (await agent.get(`/api/campaigns/${id}/preflight`)).json()).attachments!.largestMessageBytes;
    expect(await largest(big.id)).toBeGreaterThan((await largest(small.id)) + 400_000);
  });
});

describe("another user's campaign", () => {
  it('answers 404 to its variant preview, variant test send, variants edit and preflight, and changes nothing', async () => {
    const accountId = await connectAccount();
    const campaign = await create({ accountIds: [accountId], variants: [A, B] });
    const other = (await signedInAgent(t, `other-${crypto.randomUUID().slice(0, 6)}@example.com`)).agent;
    expect((await other.get(`/api/campaigns/${campaign.id}/preview?variant=1`)).status).toBe(404);
    expect((await other.post(`/api/campaigns/${campaign.id}/test`, { accountId, variant: 1 })).status).toBe(404);
    expect((await other.patch(`/api/campaigns/${campaign.id}`, { variants: [B, A] })).status).toBe(404);
    expect((await other.get(`/api/campaigns/${campaign.id}/preflight`)).status).toBe(404);
    expect((await other.post(`/api/campaigns/${campaign.id}/duplicate`)).status).toBe(404);
    expect(await get(campaign.id)).toMatchObject({ variants: [A, B], version: 1 });
    expect((await t.control('GET', '/mailboxes/sender%40gmail.com/messages')).body).toHaveLength(0);
  });
});

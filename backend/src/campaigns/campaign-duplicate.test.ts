import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { recipientPageSchema } from '../../../shared/schemas/recipients';
import { recipients } from '../db/schema';
import { signedInAgent } from '../testing/browser-agent';
import { signedInEach } from '../testing/use-test-app';
import { attachmentListSchema } from '../../../shared/schemas/attachments';
import { fileBytes, uploadAttachment } from '../attachments/testing/upload-attachment';
import { DUPLICATE_BATCH_ROWS } from './campaign-duplicate';

const { t, agent, user } = signedInEach('dup@example.com');

async function createCampaign() {
  const response = await agent.post('/api/campaigns', { name: 'Spring', subject: 'Hi {{first name}}', html: '<p>Hi {{first name}}</p>' });
  expect(response.status).toBe(201);
  return campaignSchema.parse(await response.json());
}

async function addRecipients(campaignId: string, rows: { email: string; fields?: Record<string, string> }[]) {
  expect((await agent.post(`/api/campaigns/${campaignId}/recipients`, { recipients: rows })).status).toBe(201);
}

async function duplicate(campaignId: string, body?: unknown) {
  const response = await agent.request('POST', `/api/campaigns/${campaignId}/duplicate`, body === undefined ? {} : { json: body });
  return { status: response.status, json: await response.json() };
}

async function recipientsOf(campaignId: string) {
  return recipientPageSchema.parse(await (await agent.get(`/api/campaigns/${campaignId}/recipients?limit=100`)).json()).recipients;
}

/** What sending did to a recipient, written where the engine writes it. */
async function markRecipient(campaignId: string, email: string, status: 'sent' | 'replied' | 'bounced' | 'unsubscribed') {
  await t.db
    .update(recipients)
    .set({ status, lastEventAt: t.clock.now() })
    .where(and(eq(recipients.campaignId, campaignId), eq(recipients.email, email)));
}

describe('POST /api/campaigns/:id/duplicate', () => {
  it('copies the campaign alone when asked nothing, as it always did', async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, [{ email: 'ann@example.com' }]);

    const plain = await duplicate(campaign.id);
    expect(plain.status).toBe(201);
    expect(plain.json).toMatchObject({ name: 'Spring (copy)', status: 'draft', subject: campaign.subject, counts: { total: 0 }, fields: [] });

    const explicit = await duplicate(campaign.id, { recipients: false });
    expect(explicit.json).toMatchObject({ counts: { total: 0 } });
  });

  it('copies the campaign’s files, so the copy sends the same messages and its attachment field still finds them', async () => {
    const campaign = await createCampaign();
    expect((await uploadAttachment(agent, campaign.id, 'brochure.pdf', fileBytes(3000))).status).toBe(201);
    expect((await uploadAttachment(agent, campaign.id, 'inv-1.pdf', fileBytes(500, 2), { shared: false })).status).toBe(201);
    const list = async (id: string) => attachmentListSchema.parse(await (await agent.get(`/api/campaigns/${id}/attachments`)).json()).attachments;

    const copy = await duplicate(campaign.id);
    expect(copy.status).toBe(201);
    const [original, copied] = [await list(campaign.id), await list(copy.json.id as string)];
    const shape = (files: typeof original) => files.map((file) => [file.filename, file.size, file.sha256, file.shared]);
    expect(shape(copied)).toEqual(shape(original));
    expect(copied.map((file) => file.id)).not.toEqual(original.map((file) => file.id));
  });

  it('copies recipients as new unsent ones, with their fields, leaving out those who unsubscribed, bounced or are suppressed', async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, [
      { email: 'ann@example.com', fields: { 'first name': 'Ann', company: 'Acme, Inc.' } },
      { email: 'bob@example.com', fields: { 'first name': 'Bob' } },
      { email: 'cat@example.com', fields: { 'first name': 'Cat' } },
      { email: 'dan@example.com', fields: { 'first name': 'Dan' } },
      { email: 'eve@example.com', fields: { 'first name': 'Eve' } },
    ]);
    await markRecipient(campaign.id, 'ann@example.com', 'sent');
    await markRecipient(campaign.id, 'bob@example.com', 'replied');
    await markRecipient(campaign.id, 'cat@example.com', 'bounced');
    await markRecipient(campaign.id, 'dan@example.com', 'unsubscribed');
    expect((await agent.post('/api/suppressions', { email: 'EVE@example.com', reason: 'manual' })).status).toBe(201);

    const copy = await duplicate(campaign.id, { recipients: true });

    expect(copy.status).toBe(201);
    const copied = campaignSchema.parse(copy.json);
    expect(copied).toMatchObject({ status: 'draft', counts: { total: 2, pending: 2, sent: 0, replied: 0 } });
    expect(copied.fields).toEqual(expect.arrayContaining(['first name', 'company']));
    const rows = await recipientsOf(copied.id);
    expect(rows.map((row) => ({ email: row.email, status: row.status, fields: row.fields, lastEventAt: row.lastEventAt }))).toEqual([
      { email: 'ann@example.com', status: 'pending', fields: { 'first name': 'Ann', company: 'Acme, Inc.' }, lastEventAt: null },
      { email: 'bob@example.com', status: 'pending', fields: { 'first name': 'Bob' }, lastEventAt: null },
    ]);
    // The original keeps its recipients and their history.
    expect((await recipientsOf(campaign.id)).map((row) => row.status)).toEqual(['sent', 'replied', 'bounced', 'unsubscribed', 'pending']);
  });

  it(`copies a campaign larger than one slice (${DUPLICATE_BATCH_ROWS} rows) whole, in order`, async () => {
    const campaign = await createCampaign();
    const total = DUPLICATE_BATCH_ROWS * 2 + 1;
    const rows = Array.from({ length: total }, (_, i) => ({
      campaignId: campaign.id,
      userId: user.id,
      email: `person${i}@big.example`,
      emailKey: `person${i}@big.example`,
      fields: { n: String(i) },
      status: 'pending' as const,
      createdAt: t.clock.now(),
    }));
    for (let i = 0; i < rows.length; i += 500) await t.db.insert(recipients).values(rows.slice(i, i + 500));

    const copy = campaignSchema.parse((await duplicate(campaign.id, { recipients: true })).json);

    expect(copy.counts.total).toBe(total);
    const copiedEmails = await t.db.select({ email: recipients.email }).from(recipients).where(eq(recipients.campaignId, copy.id)).orderBy(recipients.id);
    expect(copiedEmails.map((row) => row.email)).toEqual(rows.map((row) => row.email));
  });

  it("answers 404 for another user's campaign, copying nothing", async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, [{ email: 'ann@example.com' }]);
    const { agent: other } = await signedInAgent(t, 'other@example.com');

    const response = await other.request('POST', `/api/campaigns/${campaign.id}/duplicate`, { json: { recipients: true } });

    expect(response.status).toBe(404);
    const { campaigns } = await (await other.get('/api/campaigns')).json();
    expect(campaigns).toEqual([]);
    expect((await t.db.select().from(recipients)).length).toBe(1);
  });

  it('refuses a body it does not understand, naming the field', async () => {
    const campaign = await createCampaign();
    const wrongType = await duplicate(campaign.id, { recipients: 'yes' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.errors).toEqual([expect.objectContaining({ field: 'recipients' })]);
    const unknown = await duplicate(campaign.id, { recipients: true, events: true });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.json.errors)).toContain('events');
  });
});

import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignAttachments } from '../db/schema';
import { normaliseFields } from '../../../shared/merge';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';
import { forgetLaunchedFiles, launchedFilesStats, launchedRecipientFiles } from './launched-files';
import { fileBytes, uploadAttachment } from './testing/upload-attachment';

/**
 * A launched campaign with many per-recipient files (invoices): each message reads only its own
 * file, and the byte cache's count stays the bytes it holds, also when sends miss together.
 * The real app, engine and sandbox; the cache is this process's, so figures are compared as deltas.
 */
const opened = closedAfterEach(sendingScenario);
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const RECIPIENTS = ['ana@gmail.com', 'bo@gmail.com', 'cy@gmail.com'];
const FILE_BYTES = 150_000;

async function invoiceCampaign(s: SendingScenario, invoices: number) {
  const { accounts } = (await (await s.agent.get('/api/accounts')).json()) as { accounts: { id: string; email: string }[] };
  const sender = accounts.find((account) => account.email === 'sender@gmail.com')!.id;
  await s.agent.patch(`/api/accounts/${sender}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const created = await s.agent.post('/api/campaigns', { name: 'Invoices', subject: 'Your invoice', html: '<p>Attached.</p>', accountIds: [sender], schedule: ALWAYS_OPEN });
  const { id } = (await created.json()) as { id: string };
  const recipients = RECIPIENTS.map((email, i) => ({ email, fields: { Invoice: `inv-${i}.pdf` } }));
  expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients })).status).toBe(201);
  for (let i = 0; i < invoices; i++) {
    const response = await uploadAttachment(s.agent, id, `inv-${i}.pdf`, fileBytes(FILE_BYTES, i + 1), { shared: false });
    expect(response.status, await response.clone().text()).toBe(201);
  }
  const { version } = (await (await s.agent.get(`/api/campaigns/${id}`)).json()) as { version: number };
  expect((await s.agent.patch(`/api/campaigns/${id}`, { version, attachmentField: 'Invoice' })).status).toBe(200);
  return id;
}

describe('a launched campaign\'s files, read per message', () => {
  it('reads and keeps only the files the messages carry, never the whole set', async () => {
    const s = await opened({ accounts: ['sender@gmail.com', ...RECIPIENTS] });
    const id = await invoiceCampaign(s, 12);
    const before = launchedFilesStats();
    const launched = await s.agent.post(`/api/campaigns/${id}/launch`, {});
    expect(launched.status, await launched.clone().text()).toBe(200);
    await s.untilCompleted(id, { maxTicks: 10 });

    for (const [i, email] of RECIPIENTS.entries()) {
      const inbox = (await s.mailbox(email)).filter((message) => message.labelIds.includes('INBOX'));
      expect(inbox.map((message) => message.parsed.attachments.map((file) => file.filename))).toEqual([[`inv-${i}.pdf`]]);
    }
    const after = launchedFilesStats();
    // Three recipients, three files read: not the twelve (1.8 MB) of the campaign.
    expect(after.files - before.files).toBe(RECIPIENTS.length);
    expect(after.cachedBytes - before.cachedBytes).toBe(RECIPIENTS.length * FILE_BYTES);
    expect(after.cachedBytes).toBe(after.heldBytes);
  }, 60_000);

  it('counts a file once when several sends miss it at the same moment', async () => {
    const s = await opened({ accounts: ['sender@gmail.com', ...RECIPIENTS] });
    const id = await invoiceCampaign(s, RECIPIENTS.length);
    const launched = await s.agent.post(`/api/campaigns/${id}/launch`, {});
    expect(launched.status).toBe(200);
    const before = launchedFilesStats();
    const campaign = { id, attachmentField: 'Invoice' };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => launchedRecipientFiles(s.t.deps, campaign, normaliseFields({ Invoice: `inv-${i % 2}.pdf` }))),
    );
    expect(results.map((result) => (result.ok ? result.files.map((file) => file.filename) : result.filename))).toEqual(
      Array.from({ length: 6 }, (_, i) => [`inv-${i % 2}.pdf`]),
    );
    const after = launchedFilesStats();
    expect(after.files - before.files).toBe(2);
    expect(after.cachedBytes - before.cachedBytes).toBe(2 * FILE_BYTES);
    expect(after.cachedBytes).toBe(after.heldBytes);
  });

  it('forgets a deleted file, and calls it missing rather than send the message without it', async () => {
    const s = await opened({ accounts: ['sender@gmail.com', ...RECIPIENTS] });
    const id = await invoiceCampaign(s, RECIPIENTS.length);
    expect((await s.agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(200);
    const campaign = { id, attachmentField: 'Invoice' };
    const fields = normaliseFields({ Invoice: 'inv-0.pdf' });
    expect(await launchedRecipientFiles(s.t.deps, campaign, fields)).toMatchObject({ ok: true, files: [{ filename: 'inv-0.pdf' }] });
    const before = launchedFilesStats();
    const [file] = await s.t.db.select().from(campaignAttachments).where(and(eq(campaignAttachments.campaignId, id), eq(campaignAttachments.filename, 'inv-0.pdf')));
    await s.t.db.delete(campaignAttachments).where(eq(campaignAttachments.id, file!.id));
    forgetLaunchedFiles([{ id: file!.id, campaignId: id }]);
    const after = launchedFilesStats();
    expect([before.files - after.files, before.cachedBytes - after.cachedBytes]).toEqual([1, FILE_BYTES]);
    expect(await launchedRecipientFiles(s.t.deps, campaign, fields)).toEqual({ ok: false, filename: 'inv-0.pdf' });
  });
});

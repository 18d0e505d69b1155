import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachmentSchema } from '../../../shared/schemas/attachments';
import { previewSchema, preflightSchema, testSendResultSchema } from '../../../shared/schemas/launch';
import { recipients as recipientsTable, sendJobs } from '../db/schema';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';
import { closedAfterEach } from '../testing/use-test-app';
import { fileBytes, uploadAttachment } from './testing/upload-attachment';

/**
 * Issue 18's done-when for files: the real app, engine and Google client against the sandbox, with
 * the fake clock. What arrives is parsed from the sandbox's mailboxes and compared byte for byte.
 */
const opened = closedAfterEach(sendingScenario);
const ALWAYS_OPEN = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const MB = 1024 * 1024;

/** A draft sent from sender@gmail.com (the other sandbox mailboxes are recipients). */
async function draft(s: SendingScenario, body: Record<string, unknown> = {}) {
  const { accounts } = (await (await s.agent.get('/api/accounts')).json()) as { accounts: { id: string; email: string }[] };
  const sender = accounts.find((account) => account.email === 'sender@gmail.com')!.id;
  await s.agent.patch(`/api/accounts/${sender}`, { minGapSeconds: 0, maxGapSeconds: 0 });
  const created = await s.agent.post('/api/campaigns', { name: 'With files', subject: 'Your documents', html: '<p>Attached.</p>', accountIds: [sender], schedule: ALWAYS_OPEN, ...body });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function addRecipients(s: SendingScenario, id: string, recipients: { email: string; fields?: Record<string, string> }[]) {
  expect((await s.agent.post(`/api/campaigns/${id}/recipients`, { recipients })).status).toBe(201);
}

async function upload(s: SendingScenario, id: string, filename: string, bytes: Uint8Array, shared?: boolean) {
  const response = await uploadAttachment(s.agent, id, filename, bytes, shared === undefined ? {} : { shared });
  expect(response.status, await response.clone().text()).toBe(201);
  return attachmentSchema.parse(await response.json());
}

async function launch(s: SendingScenario, id: string) {
  const launched = await s.agent.post(`/api/campaigns/${id}/launch`, {});
  expect(launched.status, await launched.clone().text()).toBe(200);
}

/** The messages each recipient got (sandbox mailboxes are created for the recipients below). */
async function received(s: SendingScenario, email: string) {
  return (await s.mailbox(email)).filter((message) => message.labelIds.includes('INBOX'));
}

/** The bytes' SHA-256: equal bytes, compared without a deep-equality walk over megabytes. */
function digest(content: ArrayBuffer | Uint8Array | string): string {
  return createHash('sha256').update(typeof content === 'string' ? Buffer.from(content) : new Uint8Array(content as ArrayBuffer)).digest('hex');
}

async function sendLog(s: SendingScenario) {
  return (await s.t.control('GET', '/sends')).body as { sends: { endpoint: string; bytes: number }[] };
}

describe('campaign files, sent', () => {
  it('delivers a file intact, with its type and its non-ASCII name RFC 2231-encoded', async () => {
    const s = await opened({ accounts: ['sender@gmail.com', 'ana@gmail.com'] });
    const id = await draft(s);
    const pdf = fileBytes(40_000, 7);
    const name = 'Factura año 2026 – número ü.pdf';
    const stored = await upload(s, id, name, pdf);
    expect(stored).toMatchObject({ filename: name, contentType: 'application/pdf', size: 40_000, shared: true });
    await addRecipients(s, id, [{ email: 'ana@gmail.com' }]);
    await launch(s, id);
    await s.untilCompleted(id, { maxTicks: 10 });

    const [message] = await received(s, 'ana@gmail.com');
    const [file] = message!.parsed.attachments;
    expect(file).toMatchObject({ filename: name, mimeType: 'application/pdf', disposition: 'attachment' });
    expect(digest(file!.content)).toBe(digest(pdf));
    const raw = Buffer.from(message!.raw, 'base64url').toString('latin1');
    // RFC 2231: charset, language, percent-encoded UTF-8 (with continuations for a long name).
    expect(raw).toMatch(/filename\*0\*=utf-8''Factura%20a%C3%B1o/);
    expect((await sendLog(s)).sends.map((send) => send.endpoint)).toEqual(['json']);
  });

  it('sends a 7 MB message through the upload endpoint, and its in-thread follow-up through a multipart upload', async () => {
    const s = await opened({ accounts: ['sender@gmail.com', 'bo@gmail.com'] });
    const id = await draft(s, { followUps: [{ delayHours: 0, html: '<p>In case it got lost.</p>', condition: 'always' }] });
    const big = fileBytes(5.2 * MB, 3);
    await upload(s, id, 'catalogue.zip', big);
    await addRecipients(s, id, [{ email: 'bo@gmail.com' }]);
    await launch(s, id);
    await s.untilCompleted(id, { maxTicks: 20, advanceMs: 60_000 });

    const sends = (await sendLog(s)).sends;
    expect(sends.map((send) => send.endpoint)).toEqual(['upload-media', 'upload-multipart']);
    expect(sends[0]!.bytes).toBeGreaterThan(7 * MB);
    const messages = await received(s, 'bo@gmail.com');
    expect(messages).toHaveLength(2);
    // Same thread at the recipient's end, and both carry the whole file.
    expect(messages[1]!.parsed.inReplyTo).toBe(messages[0]!.parsed.messageId);
    for (const message of messages) expect(digest(message.parsed.attachments[0]!.content)).toBe(digest(big));
    const sent = await s.mailbox('sender@gmail.com');
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((message) => message.threadId)).size).toBe(1);
  }, 60_000);

  it('gives a per-recipient file only to the recipient whose field names it, and the shared file to both', async () => {
    const s = await opened({ accounts: ['sender@gmail.com', 'cy@gmail.com', 'di@gmail.com'] });
    const id = await draft(s);
    await addRecipients(s, id, [
      { email: 'cy@gmail.com', fields: { Invoice: ' inv-0042.pdf ' } },
      { email: 'di@gmail.com', fields: { Invoice: '' } },
    ]);
    const terms = fileBytes(2_000, 1);
    const invoice = fileBytes(3_000, 2);
    await upload(s, id, 'terms.pdf', terms);
    await upload(s, id, 'inv-0042.pdf', invoice, false);
    const { version } = await s.campaign(id);
    expect((await s.agent.patch(`/api/campaigns/${id}`, { version, attachmentField: 'Invoice' })).status).toBe(200);

    const preview = previewSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/preview?recipient=0`)).json());
    expect(preview.attachments?.map((file) => file.filename)).toEqual(['terms.pdf', 'inv-0042.pdf']);
    const test = await s.agent.post(`/api/campaigns/${id}/test`, { accountId: (await s.campaign(id)).accountIds[0], recipient: '0', to: ['sender@gmail.com'] });
    expect(testSendResultSchema.parse(await test.json()).attachments).toEqual(['terms.pdf', 'inv-0042.pdf']);

    await launch(s, id);
    await s.untilCompleted(id, { maxTicks: 10 });
    const [toCy] = await received(s, 'cy@gmail.com');
    const [toDi] = await received(s, 'di@gmail.com');
    expect(toCy!.parsed.attachments.map((file) => file.filename)).toEqual(['terms.pdf', 'inv-0042.pdf']);
    expect(digest(toCy!.parsed.attachments[1]!.content)).toBe(digest(invoice));
    expect(toDi!.parsed.attachments.map((file) => file.filename)).toEqual(['terms.pdf']);
  });

  it('blocks the launch while a recipient names a file the campaign does not have, and lists them', async () => {
    const s = await opened();
    const id = await draft(s);
    await addRecipients(s, id, [
      { email: 'eve@example.com', fields: { Invoice: 'inv-7.pdf' } },
      { email: 'fay@example.com', fields: { Invoice: 'INV-8.pdf' } },
    ]);
    await upload(s, id, 'inv-8.pdf', fileBytes(100), false);
    const { version } = await s.campaign(id);
    expect((await s.agent.patch(`/api/campaigns/${id}`, { version, attachmentField: 'invoice' })).status).toBe(200);

    const check = preflightSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/preflight`)).json());
    expect(check.attachments).toMatchObject({ perRecipientField: 'invoice', files: 1, missing: 2 });
    // Case as written: INV-8.pdf is not inv-8.pdf.
    expect(check.attachments!.missingRecipients.map((r) => [r.email, r.filename])).toEqual([['eve@example.com', 'inv-7.pdf'], ['fay@example.com', 'INV-8.pdf']]);
    expect(check.blockers.map((b) => b.code)).toContain('attachment-missing');
    expect((await s.agent.post(`/api/campaigns/${id}/launch`, {})).status).toBe(409);
    const preview = previewSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/preview?recipient=0`)).json());
    expect(preview).toMatchObject({ attachments: [], missingFile: 'inv-7.pdf' });
  });

  it('skips, never sends without it, a recipient whose named file went missing after the preflight', async () => {
    const s = await opened({ accounts: ['sender@gmail.com', 'gus@gmail.com'] });
    const id = await draft(s);
    await addRecipients(s, id, [{ email: 'gus@gmail.com', fields: { Invoice: 'inv-1.pdf' } }]);
    await upload(s, id, 'inv-1.pdf', fileBytes(100), false);
    const { version } = await s.campaign(id);
    expect((await s.agent.patch(`/api/campaigns/${id}`, { version, attachmentField: 'Invoice' })).status).toBe(200);
    await launch(s, id);
    // What no route allows after launch, done behind the app's back: the field now names another file.
    await s.t.db.update(recipientsTable).set({ fields: { Invoice: 'inv-2.pdf' } }).where(eq(recipientsTable.campaignId, id));
    await s.untilCompleted(id, { maxTicks: 10 });

    expect(await received(s, 'gus@gmail.com')).toEqual([]);
    const [job] = await s.t.db.select().from(sendJobs).where(eq(sendJobs.campaignId, id));
    expect(job).toMatchObject({ status: 'skipped', statusReason: "The file named in Invoice (inv-2.pdf) is not among the campaign's files" });
  });
});

import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { attachmentListSchema, attachmentSchema, GMAIL_MESSAGE_MAX_BYTES } from '../../../shared/schemas/attachments';
import { campaignSchema } from '../../../shared/schemas/campaigns';
import { problemSchema } from '../../../shared/schemas/problem';
import { campaignAttachments, campaigns } from '../db/schema';
import { signedInAgent } from '../testing/browser-agent';
import { signedInEach } from '../testing/use-test-app';
import { deleteAttachment, insertAttachment } from './attachment-store';
import { STALE_LAUNCH_MARK_MS } from './launch-mark';
import { fileBytes, uploadAttachment } from './testing/upload-attachment';

const { t, agent } = signedInEach(() => `files-${crypto.randomUUID().slice(0, 6)}@example.com`);
const MB = 1024 * 1024;

async function draft() {
  const response = await agent.post('/api/campaigns', { name: 'Files', subject: 'Hi', html: '<p>Hello</p>' });
  return campaignSchema.parse(await response.json());
}

/** A multipart body written by hand, for what no browser's FormData would send. */
function rawMultipart(parts: string[], boundary = 'b0undary') {
  const body = parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('') + `--${boundary}--\r\n`;
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const filePart = (filename: string, content = 'x') => `Content-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}`;

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  return problemSchema.passthrough().parse(await response.json()) as { status: number; detail?: string; errors?: { field: string; message: string }[]; messageBytes?: number };
}

describe('campaign files: upload, list, remove', () => {
  it('stores a file with its hash and a type from its name, lists it with the largest message, and removes it', async () => {
    const campaign = await draft();
    const bytes = fileBytes(1000);
    const uploaded = await uploadAttachment(agent, campaign.id, '  Presupuesto ñ.PDF ', bytes, { type: 'image/png' });
    expect(uploaded.status).toBe(201);
    const file = attachmentSchema.parse(await uploaded.json());
    const sha256 = Buffer.from(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)).toString('hex');
    // Trimmed, NFC; the type from the extension, not the browser's claim.
    expect(file).toMatchObject({ filename: 'Presupuesto ñ.PDF', contentType: 'application/pdf', size: 1000, sha256, shared: true });

    const list = attachmentListSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/attachments`)).json());
    expect(list.attachments.map((a) => a.id)).toEqual([file.id]);
    expect(list.largestMessageBytes).toBeGreaterThan(1000 * (4 / 3));
    expect(list.maxMessageBytes).toBe(GMAIL_MESSAGE_MAX_BYTES);

    expect((await agent.delete(`/api/campaigns/${campaign.id}/attachments/${file.id}`)).status).toBe(204);
    expect((await agent.delete(`/api/campaigns/${campaign.id}/attachments/${file.id}`)).status).toBe(404);
    expect(attachmentListSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/attachments`)).json()).attachments).toEqual([]);
  });

  it('refuses a second file of the same name with 409 naming `file`', async () => {
    const campaign = await draft();
    expect((await uploadAttachment(agent, campaign.id, 'terms.pdf', fileBytes(10))).status).toBe(201);
    const again = await uploadAttachment(agent, campaign.id, 'terms.pdf', fileBytes(20));
    expect(again.status).toBe(409);
    expect((await problemOf(again)).errors?.[0]?.field).toBe('file');
  });

  it.each([
    ['no file', rawMultipart(['Content-Disposition: form-data; name="shared"\r\n\r\ntrue']), 'file', /Choose a file/],
    ['two files', rawMultipart([filePart('a.txt'), filePart('b.txt')]), 'file', /one file/],
    ['an empty file', rawMultipart([filePart('a.txt', '')]), 'file', /empty/],
    ['the file as text', rawMultipart(['Content-Disposition: form-data; name="file"\r\n\r\nhello']), 'file', /file part/],
    ['a path', rawMultipart([filePart('../../etc/passwd')]), 'file', /\//],
    ['a backslash', rawMultipart([filePart('C:\\\\x\\\\a.txt')]), 'file', /\\/],
    ['a control character', rawMultipart([filePart('a\u0007b.txt')]), 'file', /control character/],
    ['a direction override', rawMultipart([filePart('invoice\u202Efdp.exe')]), 'file', /direction/],
    ['a name over 255 bytes', rawMultipart([filePart(`${'é'.repeat(130)}.txt`)]), 'file', /264 bytes; at most 255/],
    ['an unknown field', rawMultipart([filePart('a.txt'), 'Content-Disposition: form-data; name="folder"\r\n\r\nx']), 'folder', /Unknown field/],
    ['a bad shared value', rawMultipart([filePart('a.txt'), 'Content-Disposition: form-data; name="shared"\r\n\r\nmaybe']), 'shared', /./],
  ])('refuses %s with a 400 naming the field', async (_, request, field, message) => {
    const campaign = await draft();
    const response = await agent.request('POST', `/api/campaigns/${campaign.id}/attachments`, request);
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.errors?.find((error) => error.field === field)?.message).toMatch(message);
  });

  it('refuses a name that is not UTF-8, rather than store what the user never wrote', async () => {
    const campaign = await draft();
    const head = Buffer.from('--b0undary\r\nContent-Disposition: form-data; name="file"; filename="fa');
    const tail = Buffer.from('ctura.pdf"\r\nContent-Type: application/pdf\r\n\r\nx\r\n--b0undary--\r\n');
    const body = Buffer.concat([head, Buffer.from([0xc3, 0x28, 0xff]), tail]);
    const response = await agent.request('POST', `/api/campaigns/${campaign.id}/attachments`, { body, headers: { 'content-type': 'multipart/form-data; boundary=b0undary' } });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).errors?.[0]).toMatchObject({ field: 'file', message: 'The file name is not valid UTF-8' });
  });

  it('answers 415 for a body that is not multipart, and 400 for a broken multipart body', async () => {
    const campaign = await draft();
    const json = await agent.post(`/api/campaigns/${campaign.id}/attachments`, { file: 'x' });
    expect(json.status).toBe(415);
    const broken = await agent.request('POST', `/api/campaigns/${campaign.id}/attachments`, { body: 'garbage', headers: { 'content-type': 'multipart/form-data; boundary=zzz' } });
    expect(broken.status).toBe(400);
    await problemOf(broken);
  });

  it("refuses a file that would pass Gmail's 25 MB, with the figures, by Content-Length before reading and by counting a streamed body", async () => {
    const campaign = await draft();
    const declared = await agent.request('POST', `/api/campaigns/${campaign.id}/attachments`, {
      body: rawMultipart([filePart('big.bin')]).body,
      headers: { 'content-type': 'multipart/form-data; boundary=b0undary', 'content-length': String(30 * MB) },
    });
    expect(declared.status).toBe(413);
    expect((await problemOf(declared)).detail).toMatch(/^This file would make each message 41 MB; Gmail's limit is 25 MB\.$/);

    // No Content-Length: a stream of 20 MB, refused once the count passes the limit.
    const chunk = new Uint8Array(MB);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 20) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const streamed = await t.app.request(`${t.config.publicUrl}/api/campaigns/${campaign.id}/attachments`, {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'multipart/form-data; boundary=b0undary', cookie: agent.cookie!, origin: t.config.publicOrigin },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await problemOf(streamed)).detail).toMatch(/Gmail's limit is 25 MB/);
  });

  it('refuses a file that fits alone but not beside the shared files, saying how large each message would be', async () => {
    const campaign = await draft();
    expect((await uploadAttachment(agent, campaign.id, 'one.bin', fileBytes(10 * MB, 1))).status).toBe(201);
    const second = await uploadAttachment(agent, campaign.id, 'two.bin', fileBytes(9 * MB, 2));
    expect(second.status).toBe(413);
    const problem = await problemOf(second);
    expect(problem.detail).toMatch(/^This file would make each message 26 MB; Gmail's limit is 25 MB\.$/);
    expect(problem.messageBytes).toBeGreaterThan(GMAIL_MESSAGE_MAX_BYTES);
    // A per-recipient file goes with one recipient's message only: beside 10 MB shared it still fits up to its own limit.
    expect((await uploadAttachment(agent, campaign.id, 'three.bin', fileBytes(8 * MB, 3), { shared: false })).status).toBe(201);
  });

  it('answers 401 without a session or token, before reading the body', async () => {
    const campaign = await draft();
    const response = await t.app.request(`${t.config.publicUrl}/api/campaigns/${campaign.id}/attachments`, { method: 'POST', ...rawMultipart([filePart('a.txt')]) });
    expect(response.status).toBe(401);
    expect((await t.app.request(`${t.config.publicUrl}/api/campaigns/${campaign.id}/attachments`)).status).toBe(401);
  });

  it("answers 404 for another user's campaign and file, and 409 once the campaign is launched", async () => {
    const campaign = await draft();
    const file = attachmentSchema.parse(await (await uploadAttachment(agent, campaign.id, 'a.txt', fileBytes(5))).json());
    const { agent: other } = await signedInAgent(t, `other-${crypto.randomUUID().slice(0, 6)}@example.com`);
    expect((await uploadAttachment(other, campaign.id, 'b.txt', fileBytes(5))).status).toBe(404);
    expect((await other.get(`/api/campaigns/${campaign.id}/attachments`)).status).toBe(404);
    expect((await other.delete(`/api/campaigns/${campaign.id}/attachments/${file.id}`)).status).toBe(404);

    await t.db.update(campaigns).set({ status: 'sending' }).where(eq(campaigns.id, campaign.id));
    const late = await uploadAttachment(agent, campaign.id, 'c.txt', fileBytes(5));
    expect(late.status).toBe(409);
    expect((await problemOf(late)).detail).toMatch(/only while the campaign is a draft/);
    expect((await agent.delete(`/api/campaigns/${campaign.id}/attachments/${file.id}`)).status).toBe(409);
  });

  it('refuses an upload and a removal with 409 while a launch is writing its jobs (still a draft, launched_at set)', async () => {
    const campaign = await draft();
    const file = attachmentSchema.parse(await (await uploadAttachment(agent, campaign.id, 'a.txt', fileBytes(5))).json());
    // What the launch's first statement does before it writes its jobs slice by slice.
    await t.db.update(campaigns).set({ launchedAt: t.clock.now() }).where(eq(campaigns.id, campaign.id));
    const late = await uploadAttachment(agent, campaign.id, 'b.txt', fileBytes(5));
    expect(late.status).toBe(409);
    expect((await problemOf(late)).detail).toMatch(/being launched/);
    const removal = await agent.delete(`/api/campaigns/${campaign.id}/attachments/${file.id}`);
    expect(removal.status).toBe(409);
    expect((await problemOf(removal)).detail).toMatch(/being launched/);
    expect((await t.db.select().from(campaignAttachments).where(eq(campaignAttachments.campaignId, campaign.id))).map((row) => row.filename)).toEqual(['a.txt']);
  });

  it('lets a draft whose launch crashed between its slices (a mark minutes old) take files again; a fresh mark still refuses', async () => {
    const campaign = await draft();
    const file = attachmentSchema.parse(await (await uploadAttachment(agent, campaign.id, 'a.txt', fileBytes(5))).json());
    // The launch stamped its mark, wrote a slice, and the process died: the draft keeps the mark.
    await t.db.update(campaigns).set({ launchedAt: t.clock.now() }).where(eq(campaigns.id, campaign.id));
    t.clock.advance(STALE_LAUNCH_MARK_MS - 1_000);
    expect((await uploadAttachment(agent, campaign.id, 'b.txt', fileBytes(5))).status).toBe(409);
    t.clock.advance(2_000);
    expect((await uploadAttachment(agent, campaign.id, 'b.txt', fileBytes(5))).status).toBe(201);
    expect((await agent.delete(`/api/campaigns/${campaign.id}/attachments/${file.id}`)).status).toBe(204);
    // A new launch stamps a fresh mark: locked again while it writes.
    await t.db.update(campaigns).set({ launchedAt: t.clock.now() }).where(eq(campaigns.id, campaign.id));
    const late = await uploadAttachment(agent, campaign.id, 'c.txt', fileBytes(5));
    expect(late.status).toBe(409);
    expect((await problemOf(late)).detail).toMatch(/being launched/);
    expect((await t.db.select().from(campaignAttachments).where(eq(campaignAttachments.campaignId, campaign.id))).map((row) => row.filename)).toEqual(['b.txt']);
  });

  it('checks the draft rule in the write itself: a launch that began while the body was read wins', async () => {
    const campaign = await draft();
    const file = attachmentSchema.parse(await (await uploadAttachment(agent, campaign.id, 'a.txt', fileBytes(5))).json());
    const [row] = await t.db.select().from(campaignAttachments).where(eq(campaignAttachments.id, file.id));
    // The route's early check passed; then the launch stamped its mark.
    await t.db.update(campaigns).set({ launchedAt: t.clock.now() }).where(eq(campaigns.id, campaign.id));
    const userId = row!.userId;
    const late = { ...row!, id: 'att_late', filename: 'b.txt', data: fileBytes(5) };
    expect(await insertAttachment(t.deps, late)).toBe('not-editable');
    expect(await deleteAttachment(t.deps, userId, campaign.id, file.id, t.clock.now())).toBe('not-editable');
    expect(await deleteAttachment(t.deps, userId, campaign.id, 'att_none', t.clock.now())).toBe('not-found');
    expect((await t.db.select().from(campaignAttachments).where(eq(campaignAttachments.campaignId, campaign.id))).map((r) => r.filename)).toEqual(['a.txt']);

    await t.db.update(campaigns).set({ launchedAt: null }).where(eq(campaigns.id, campaign.id));
    expect(await insertAttachment(t.deps, late)).toBe('inserted');
    expect(await insertAttachment(t.deps, { ...late, id: 'att_again' })).toBe('duplicate');
    expect(await deleteAttachment(t.deps, userId, campaign.id, file.id, t.clock.now())).toBe('deleted');
  });

  it('deletes the files with the campaign, and lists them (never their bytes) in the data export', async () => {
    const campaign = await draft();
    const file = attachmentSchema.parse(await (await uploadAttachment(agent, campaign.id, 'keep.txt', fileBytes(64))).json());
    const exported = await (await agent.get('/api/export')).json();
    const listed = exported.campaigns.find((c: { id: string }) => c.id === campaign.id);
    expect(listed.files).toEqual([{ filename: 'keep.txt', contentType: 'text/plain', size: 64, sha256: file.sha256, shared: true, createdAt: file.createdAt }]);
    expect(JSON.stringify(exported)).not.toContain(Buffer.from(fileBytes(64)).toString('base64'));

    expect((await agent.delete(`/api/campaigns/${campaign.id}`)).status).toBe(204);
    expect(await t.db.select().from(campaignAttachments).where(eq(campaignAttachments.campaignId, campaign.id))).toEqual([]);
  });

  it('takes the attachment field only when it is an imported column', async () => {
    const campaign = await draft();
    const before = await agent.patch(`/api/campaigns/${campaign.id}`, { attachmentField: 'Invoice' });
    expect(before.status).toBe(400);
    expect((await problemOf(before)).errors?.[0]?.field).toBe('attachmentField');
    await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'a@example.com', fields: { Invoice: 'x.pdf' } }] });
    const after = await agent.patch(`/api/campaigns/${campaign.id}`, { attachmentField: 'Invoice' });
    expect(after.status).toBe(200);
    expect(campaignSchema.parse(await after.json()).attachmentField).toBe('Invoice');
    expect((await agent.patch(`/api/campaigns/${campaign.id}`, { attachmentField: null })).status).toBe(200);
  });
});

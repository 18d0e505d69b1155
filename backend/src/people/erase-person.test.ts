import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema';
import { fileBytes, uploadAttachment } from '../attachments/testing/upload-attachment';
import { signedInAgent } from '../testing/browser-agent';
import { deliveryStatusNotification, plainMessage } from '../testing/incoming-mail';
import { HUMAN_AGENT } from '../testing/sent-campaign-scenario';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

const ADDRESS = 'Zelda.Quixote@Erase-Me.example';
/** What must be gone from the file, in any case: the local part, and the domain it was held with. */
const TRACES = ['zelda.quixote', 'erase-me.example'];

let s: SendingScenario | undefined;
let dir: string | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** The database file and its WAL, as a thief with the disk would read them. */
function fileText(path: string): string {
  const parts = [path, `${path}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file).toString('latin1').toLowerCase());
  return parts.join('\n');
}

describe('POST /api/people/erase', () => {
  it('leaves no trace of the address in the database file, keeps the figures, and suppresses a re-import', async () => {
    dir = mkdtempSync(join(tmpdir(), 'iconnect-erase-'));
    const path = join(dir, 'iconnect.db');
    s = await sendingScenario({ databaseUrl: `file:${path}` });
    const { agent, t } = s;
    await agent.patch(`/api/accounts/${s.accountIds[0]}`, { minGapSeconds: 0, maxGapSeconds: 0 });
    const campaignId = await s.launch(
      { subject: 'Hello', html: '<p>Hi {{Name}}, <a href="https://shop.example/welcome?who={{Contact}}">your page</a></p>' },
      [
        { email: ADDRESS, fields: { Name: 'Zelda', Contact: ADDRESS.toLowerCase(), Note: `write to ${ADDRESS}` } },
        { email: 'stays@example.com', fields: { Name: 'Stays', Contact: 'stays@example.com', Note: '' } },
      ],
    );
    await s.tick();
    const sent = await s.mailbox('sender@gmail.com');
    expect(sent).toHaveLength(2);
    const html = sent.find((m) => m.parsed.to?.[0]?.address?.toLowerCase() === ADDRESS.toLowerCase())!.parsed.html ?? '';
    const pixel = /src="(http:\/\/localhost:8787\/t\/o\/[^"]+)"/.exec(html)![1]!;
    const click = /href="(http:\/\/localhost:8787\/t\/c\/[^"]+)"/.exec(html)![1]!;
    const visit = { headers: { 'user-agent': HUMAN_AGENT, 'x-test-client-address': '203.0.113.77' } };
    expect((await t.app.request(pixel, visit)).status).toBe(200);
    const clicked = await t.app.request(click, visit);
    expect(clicked.headers.get('location')).toBe('https://shop.example/welcome?who=zelda.quixote%40erase-me.example');
    await t.deps.trackingEvents.flush();
    // A second campaign still waiting to go out, with the same address.
    const draft = await (await agent.post('/api/campaigns', { name: 'Later', subject: 'Hi', html: '<p>Hi</p>' })).json();
    await agent.post(`/api/campaigns/${draft.id}/recipients`, { recipients: [{ email: ADDRESS.toUpperCase() }] });
    await agent.post('/api/suppressions', { email: ADDRESS });

    const before = await (await agent.get(`/api/campaigns/${campaignId}/stats`)).json();
    expect(before).toMatchObject({ sent: 2, opens: expect.anything() });
    await t.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    // The test can fail: the address is in the file before the erasure.
    for (const trace of TRACES) expect(fileText(path)).toContain(trace);

    const erased = await agent.post('/api/people/erase', { email: ` ${ADDRESS.toUpperCase()} ` });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ erased: true, campaigns: 2, events: 2, files: 0 });

    // An old message opened again after the erasure records nothing about them.
    await t.app.request(pixel, { headers: { 'user-agent': HUMAN_AGENT, 'x-test-client-address': '203.0.113.78' } });
    await t.deps.trackingEvents.flush();

    const text = fileText(path);
    for (const trace of TRACES) expect(text).not.toContain(trace);
    expect(text).not.toContain('203.0.113.77');
    expect(text).not.toContain('203.0.113.78');
    expect(await (await agent.get(`/api/campaigns/${campaignId}/stats`)).json()).toMatchObject({
      recipients: before.recipients,
      sent: before.sent,
      opens: before.opens,
      clicks: { ...before.clicks },
      steps: before.steps,
    });
    // The waiting one will never be sent; its list labels it rather than showing a blank.
    const waiting = (await (await agent.get(`/api/campaigns/${draft.id}/recipients`)).json()).recipients;
    expect(waiting).toEqual([expect.objectContaining({ email: '(erased)', fields: {}, status: 'skipped', statusReason: "Erased at the person's request" })]);
    const csv = await (await agent.get(`/api/campaigns/${campaignId}/recipients.csv`)).text();
    expect(csv).toMatch(/\r\n\(erased\),+sent,/);
    expect(csv.toLowerCase()).not.toContain('zelda');

    const again = await agent.post(`/api/campaigns/${draft.id}/recipients`, { recipients: [{ email: ADDRESS }, { email: 'new@example.com' }] });
    expect(await again.json()).toMatchObject({ imported: 1, suppressed: 1, duplicates: 0 });
    const person = await (await agent.get(`/api/people/${encodeURIComponent(ADDRESS)}`)).json();
    expect(person).toMatchObject({ email: ADDRESS.toLowerCase(), campaigns: [], suppression: null, erasedAt: '2026-03-02T10:00:00.000Z' });
  });

  it('matches no later reply or bounce to an old message, so nothing about the person comes back', async () => {
    s = await sendingScenario();
    const { agent, t } = s;
    const always = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
    const id = await s.launch({ subject: 'Hello', html: '<p>Hi</p>', schedule: always, followUps: [{ delayHours: 48, html: '<p>Again</p>' }] }, [{ email: 'gone@example.com' }]);
    await s.tick();
    const [sent] = await s.mailbox('sender@gmail.com');
    const messageId = sent!.parsed.messageId!;
    await agent.post('/api/people/erase', { email: 'gone@example.com' });
    const before = await (await agent.get(`/api/campaigns/${id}/stats`)).json();

    const mailbox = `/mailboxes/${encodeURIComponent('sender@gmail.com')}/messages`;
    await t.control('POST', mailbox, { raw: plainMessage({ From: 'gone@example.com', To: 'sender@gmail.com', Subject: 'Re: Hello', 'In-Reply-To': messageId, References: messageId }) });
    await t.control('POST', mailbox, {
      raw: deliveryStatusNotification({ to: 'sender@gmail.com', failed: 'gone@example.com', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 <gone@example.com> unknown', inReplyTo: messageId }),
    });
    t.clock.advance(61_000);
    expect((await s.tick()).incoming).toEqual({ reply: 0, auto_reply: 0, bounce: 0 });
    t.clock.advance(48 * 3_600_000);
    await s.tick();

    expect(await (await agent.get(`/api/campaigns/${id}/stats`)).json()).toEqual(before);
    expect((await (await agent.get('/api/suppressions')).json()).suppressions).toEqual([]);
    const rows = JSON.stringify((await t.client.execute('SELECT * FROM recipients')).rows) + JSON.stringify((await t.client.execute('SELECT * FROM tracking_events')).rows);
    expect(rows).not.toContain('gone@');
    // The follow-up was cancelled with the erasure: only the first message ever left.
    expect((await s.mailbox('sender@gmail.com')).filter((m) => m.labelIds.includes('SENT'))).toHaveLength(1);

    // Their old unsubscribe link says they are off the list, and neither button brings a row back.
    const unsubscribe = /href="(http:\/\/localhost:8787\/u\/[^"]+)"/.exec(sent!.parsed.html ?? '')![1]!;
    const page = await t.app.request(unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Your address was erased from the lists of');
    const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' };
    expect(await (await t.app.request(unsubscribe, form)).text()).toContain('You are not on this list');
    expect(await (await t.app.request(`${unsubscribe}/no-tracking`, form)).text()).toContain('You are not on this list');
    expect((await (await agent.get('/api/suppressions')).json()).suppressions).toEqual([]);
    expect((await t.client.execute("SELECT COUNT(*) AS n FROM tracking_events WHERE kind = 'unsubscribe'")).rows[0]!.n).toBe(0);
    expect((await t.client.execute('SELECT COUNT(*) AS n FROM tracking_opt_outs')).rows[0]!.n).toBe(0);
  });

  it('forgets a message that was on its way to Gmail while the person was erased', async () => {
    s = await sendingScenario();
    const { t } = s;
    const always = { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
    await s.launch(
      { subject: 'Hello', html: '<p><a href="https://shop.example/?who={{Email}}">yours</a></p>', schedule: always, followUps: [{ delayHours: 48, html: '<p>Again</p>' }] },
      [{ email: 'inflight@example.com', fields: { Email: 'inflight@example.com' } }],
    );
    const gate = ((await t.control('POST', '/faults', { operation: 'send', hold: true, count: 1 })).body as { id: string }).id;
    const tick = s.tick();
    expect((await t.control('GET', `/faults/${gate}/held`)).body).toEqual({ held: 1 });
    expect((await s.agent.post('/api/people/erase', { email: 'inflight@example.com' })).status).toBe(200);
    await t.control('POST', `/faults/${gate}/release`);
    await tick;

    const jobs = (await t.client.execute('SELECT step, status, gmail_message_id, message_id, tracked FROM send_jobs ORDER BY step')).rows;
    // Sent (Gmail took it), but nothing of it that could lead back to the person; the follow-up never goes.
    expect(jobs.map((job) => [job.step, job.status])).toEqual([
      [0, 'sent'],
      [1, 'cancelled'],
    ]);
    expect([jobs[0]!.gmail_message_id, String(jobs[0]!.message_id).startsWith('erased:'), jobs[0]!.tracked]).toEqual([null, true, 0]);
    expect((await t.client.execute('SELECT COUNT(*) AS n FROM job_links')).rows[0]!.n).toBe(0);
    const rows = JSON.stringify((await t.client.execute('SELECT * FROM recipients')).rows) + JSON.stringify((await t.client.execute('SELECT * FROM send_jobs')).rows);
    expect(rows).not.toContain('inflight');
  });

  it('records the hash of an address held nowhere, so a later import is suppressed', async () => {
    s = await sendingScenario();
    const { agent } = s;
    const erased = await agent.post('/api/people/erase', { email: 'never-seen@example.com' });
    expect(await erased.json()).toEqual({ erased: true, campaigns: 0, events: 0, files: 0 });
    const campaign = await (await agent.post('/api/campaigns', { name: 'C', subject: 'Hi', html: '<p>Hi</p>' })).json();
    const added = await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'Never-Seen@Example.com' }] });
    expect(await added.json()).toMatchObject({ imported: 0, suppressed: 1 });
  });

  it('deletes the file attached for them alone, keeps shared files and files another recipient is sent, and says so', async () => {
    s = await sendingScenario();
    const { agent, t } = s;
    const draft = async (name: string, files: [string, boolean][], people: { email: string; fields: Record<string, string> }[]) => {
      const campaign = await (await agent.post('/api/campaigns', { name, subject: 'Hi', html: '<p>Hi</p>' })).json();
      for (const [index, [filename, shared]] of files.entries()) {
        expect((await uploadAttachment(agent, campaign.id, filename, fileBytes(32, index + 1), { shared })).status).toBe(201);
      }
      await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: people });
      expect((await agent.patch(`/api/campaigns/${campaign.id}`, { attachmentField: 'Invoice' })).status).toBe(200);
      return campaign.id as string;
    };
    // Their own invoice (named with trailing spaces: the same rule as a message's files), beside a shared brochure.
    const own = await draft('Invoices', [['brochure.pdf', true], ['invoice-zelda-quixote.pdf', false], ['invoice-bo.pdf', false]], [
      { email: ADDRESS, fields: { Invoice: ' invoice-zelda-quixote.pdf ' } },
      { email: 'bo@example.com', fields: { Invoice: 'invoice-bo.pdf' } },
    ]);
    // A file they share with someone else in another campaign stays: the other's message needs it.
    const team = await draft('Team', [['team-pack.pdf', false]], [
      { email: ADDRESS, fields: { Invoice: 'team-pack.pdf' } },
      { email: 'cy@example.com', fields: { Invoice: 'team-pack.pdf' } },
    ]);
    // Another user's file of the same name is theirs.
    const { agent: theirs } = await signedInAgent(t, 'other-files@example.com');
    const their = await (await theirs.post('/api/campaigns', { name: 'Theirs', subject: 'Hi', html: '<p>Hi</p>' })).json();
    await uploadAttachment(theirs, their.id, 'invoice-zelda-quixote.pdf', fileBytes(32), { shared: false });
    await theirs.post(`/api/campaigns/${their.id}/recipients`, { recipients: [{ email: ADDRESS, fields: { Invoice: 'invoice-zelda-quixote.pdf' } }] });
    await theirs.patch(`/api/campaigns/${their.id}`, { attachmentField: 'Invoice' });

    const erased = await agent.post('/api/people/erase', { email: ADDRESS });
    expect(await erased.json()).toEqual({ erased: true, campaigns: 2, events: 0, files: 1 });

    const names = async (who: typeof agent, id: string) => (await (await who.get(`/api/campaigns/${id}/attachments`)).json()).attachments.map((f: { filename: string }) => f.filename);
    expect(await names(agent, own)).toEqual(['brochure.pdf', 'invoice-bo.pdf']);
    expect(await names(agent, team)).toEqual(['team-pack.pdf']);
    expect(await names(theirs, their.id)).toEqual(['invoice-zelda-quixote.pdf']);
    const files = JSON.stringify((await t.client.execute('SELECT * FROM campaign_attachments')).rows);
    expect(files.match(/invoice-zelda-quixote/g)).toHaveLength(1);
    // The export lists the files that are left; the audit log counts the one that went.
    const exported = await (await agent.get('/api/export')).json();
    expect(JSON.stringify(exported)).not.toContain('zelda');
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'person.erased'));
    expect(entry?.detail).toEqual({ campaigns: 2, events: 0, recipientFilesDeleted: 1 });
  });

  it('answers 400 naming email for an address that is not one', async () => {
    s = await sendingScenario();
    for (const email of ['not an address', '', 'a@b']) {
      const response = await s.agent.post('/api/people/erase', { email });
      expect(response.status).toBe(400);
      expect((await response.json()).errors).toEqual([expect.objectContaining({ field: 'email' })]);
    }
  });

  it("never touches another user's recipients with the same address", async () => {
    s = await sendingScenario();
    const { agent: theirs } = await signedInAgent(s.t, 'other-user@example.com');
    const their = await (await theirs.post('/api/campaigns', { name: 'Theirs', subject: 'Hi', html: '<p>Hi</p>' })).json();
    await theirs.post(`/api/campaigns/${their.id}/recipients`, { recipients: [{ email: 'shared@example.com', fields: { Company: 'Kept' } }] });

    expect(await (await s.agent.post('/api/people/erase', { email: 'shared@example.com' })).json()).toMatchObject({ campaigns: 0 });
    const list = (await (await theirs.get(`/api/campaigns/${their.id}/recipients`)).json()).recipients;
    expect(list).toEqual([expect.objectContaining({ email: 'shared@example.com', fields: { Company: 'Kept' }, status: 'pending' })]);
  });

  it('duplicating a campaign with its recipients leaves the erased placeholders behind', async () => {
    s = await sendingScenario();
    const { agent } = s;
    const campaign = await (await agent.post('/api/campaigns', { name: 'C', subject: 'Hi', html: '<p>Hi</p>' })).json();
    await agent.post(`/api/campaigns/${campaign.id}/recipients`, { recipients: [{ email: 'gone@example.com' }, { email: 'kept@example.com' }] });
    await agent.post('/api/people/erase', { email: 'gone@example.com' });
    const copy = await agent.post(`/api/campaigns/${campaign.id}/duplicate`, { recipients: true });
    expect(copy.status).toBe(201);
    const list = (await (await agent.get(`/api/campaigns/${(await copy.json()).id}/recipients`)).json()).recipients;
    expect(list.map((r: { email: string }) => r.email)).toEqual(['kept@example.com']);
  });
});

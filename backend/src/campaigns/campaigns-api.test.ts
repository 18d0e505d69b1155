import { describe, expect, it } from 'vitest';
import { accountListSchema } from '../../../shared/schemas/accounts';
import { campaignListSchema, campaignSchema } from '../../../shared/schemas/campaigns';
import { preflightSchema, previewSchema, testSendResultSchema } from '../../../shared/schemas/launch';
import { importResultSchema, recipientPageSchema } from '../../../shared/schemas/recipients';
import { connectSandboxMailbox } from '../testing/connect-gmail';
import { createSandboxedTestApp } from '../testing/sandboxed-test-app';
import { signedInEach } from '../testing/use-test-app';

const { t, agent } = signedInEach(() => `user-${crypto.randomUUID().slice(0, 6)}@example.com`, () => createSandboxedTestApp());

async function connectAccount(email = 'sender@gmail.com', query = 'timezone=Europe/Paris') {
  await connectSandboxMailbox(agent, email, { query });
  const { accounts } = accountListSchema.parse(await (await agent.get('/api/accounts')).json());
  return accounts.find((account) => account.email === email)!.id;
}

async function createCampaign(body: Record<string, unknown> = {}) {
  const response = await agent.post('/api/campaigns', { name: 'Spring launch', subject: 'Hello {{ first name | there }}', html: '<p>Hi {{First Name | there}}, welcome to {{ company }}.</p>', ...body });
  expect(response.status).toBe(201);
  return campaignSchema.parse(await response.json());
}

async function addRecipients(campaignId: string, recipients: { email: string; fields?: Record<string, string> }[]) {
  const response = await agent.post(`/api/campaigns/${campaignId}/recipients`, { recipients });
  expect(response.status).toBe(201);
  return importResultSchema.parse(await response.json());
}

describe('campaigns', () => {
  it('creates a draft with the defaults a user expects, in the first account\'s time zone', async () => {
    const accountId = await connectAccount();
    const campaign = await createCampaign({ accountIds: [accountId] });
    expect(campaign).toMatchObject({
      status: 'draft',
      version: 1,
      accountIds: [accountId],
      schedule: { startAt: null, timezone: 'Europe/Paris', days: [1, 2, 3, 4, 5], window: { start: '09:00', end: '17:00' } },
      tracking: { opens: true, clicks: true },
      unsubscribe: true,
      followUps: [],
      counts: { total: 0 },
    });
    const { campaigns } = campaignListSchema.parse(await (await agent.get('/api/campaigns')).json());
    expect(campaigns.map((c) => c.id)).toEqual([campaign.id]);
  });

  it('refuses an account that is not one of the user\'s, and bad schedules, naming the fields', async () => {
    const unknown = await agent.post('/api/campaigns', { name: 'x', accountIds: ['acc_nope'] });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toEqual([{ field: 'accountIds', message: 'Unknown Gmail account' }]);

    const badSchedule = await agent.post('/api/campaigns', {
      name: 'x',
      schedule: { timezone: 'Nowhere/City', days: [0, 8], window: { start: '17:00', end: '09:00' } },
    });
    expect(badSchedule.status).toBe(400);
    const fields = (await badSchedule.json()).errors.map((error: { field: string }) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['schedule.timezone', 'schedule.days.0', 'schedule.days.1', 'schedule.window.end']));
  });

  it('edits a draft, and refuses an edit made on an old version with 409', async () => {
    const campaign = await createCampaign();
    const edited = await agent.patch(`/api/campaigns/${campaign.id}`, { subject: 'New subject', version: 1 });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ subject: 'New subject', version: 2 });
    const stale = await agent.patch(`/api/campaigns/${campaign.id}`, { subject: 'Lost update', version: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ type: '/problems/version-conflict', currentVersion: 2 });
    expect((await (await agent.get(`/api/campaigns/${campaign.id}`)).json()).subject).toBe('New subject');
  });

  it('duplicates a campaign as a new draft without its recipients', async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, [{ email: 'a@example.com' }]);
    const copy = await (await agent.post(`/api/campaigns/${campaign.id}/duplicate`)).json();
    expect(copy).toMatchObject({ name: 'Spring launch (copy)', status: 'draft', subject: campaign.subject, counts: { total: 0 } });
    expect(copy.id).not.toBe(campaign.id);
  });
});

describe('preview and merge tags', () => {
  it('renders for a recipient by id or position, fallbacks and case-insensitive fields included', async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, [
      { email: 'ada@example.com', fields: { 'FIRST NAME': 'Ada', Company: 'Analytical Engines' } },
      { email: 'bob@example.com', fields: { Company: 'Bobco' } },
    ]);
    const first = previewSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preview?recipient=0`)).json());
    expect(first).toMatchObject({
      recipient: { email: 'ada@example.com' },
      subject: 'Hello Ada',
      html: '<p>Hi Ada, welcome to Analytical Engines.</p>',
      missing: [],
    });
    expect(first.text).toContain('Hi Ada, welcome to Analytical Engines.');
    const second = previewSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preview?recipient=1`)).json());
    expect(second).toMatchObject({ subject: 'Hello there', html: '<p>Hi there, welcome to Bobco.</p>' });
    const byId = previewSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preview?recipient=${second.recipient!.id}`)).json());
    expect(byId.recipient!.email).toBe('bob@example.com');
  });

  it('keeps a recipient named <script> as text in HTML, and says which fields are missing', async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, [{ email: 'x@example.com', fields: { 'first name': '<script>alert(1)</script>' } }]);
    const preview = previewSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preview`)).json());
    expect(preview.html).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;, welcome to .</p>');
    expect(preview.subject).toBe('Hello <script>alert(1)</script>');
    expect(preview.missing).toEqual(['company']);
  });

  it('answers 404 for a position past the end and 400 for nonsense', async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, [{ email: 'x@example.com' }]);
    expect((await agent.get(`/api/campaigns/${campaign.id}/preview?recipient=5`)).status).toBe(404);
    expect((await agent.get(`/api/campaigns/${campaign.id}/preview?recipient=abc`)).status).toBe(400);
  });
});

describe('launch preflight', () => {
  it('lists recipients with missing fields and refuses the launch with 409 unless blanks are allowed', async () => {
    const accountId = await connectAccount();
    const campaign = await createCampaign({ accountIds: [accountId] });
    await addRecipients(campaign.id, [
      { email: 'full@example.com', fields: { company: 'Full Co' } },
      { email: 'blank@example.com', fields: { company: '  ' } },
      { email: 'none@example.com' },
    ]);
    const check = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
    expect(check).toMatchObject({ sendable: 1, skipped: { missingFields: 2 }, missingFields: { count: 2, fields: ['company'] } });
    expect(check.missingFields.recipients.map((r) => r.email)).toEqual(['blank@example.com', 'none@example.com']);

    const refused = await agent.post(`/api/campaigns/${campaign.id}/launch`, {});
    expect(refused.status).toBe(409);
    const problem = await refused.json();
    expect(problem.detail).toMatch(/2 recipient\(s\) have no value for company/);
    expect(problem.preflight.missingFields.count).toBe(2);
    expect((await (await agent.get(`/api/campaigns/${campaign.id}`)).json()).status).toBe('draft');

    const launched = await agent.post(`/api/campaigns/${campaign.id}/launch`, { allowBlank: true });
    expect(launched.status).toBe(200);
    expect((await launched.json()).status).toBe('sending');
    const jobs = await t.client.execute({ sql: 'SELECT count(*) AS n FROM send_jobs WHERE campaign_id = ?', args: [campaign.id] });
    expect(jobs.rows[0]!.n).toBe(3);
  });

  it('says what blocks a launch: no subject, no accounts, no recipients', async () => {
    const campaign = (await (await agent.post('/api/campaigns', { name: 'Empty' })).json());
    const check = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
    expect(check.blockers.map((b) => b.code)).toEqual(['no-subject', 'no-body', 'no-accounts', 'no-recipients']);
  });

  it('skips an address suppressed after import, and launches only once', async () => {
    const accountId = await connectAccount();
    const campaign = await createCampaign({ accountIds: [accountId], html: '<p>Hi</p>', subject: 'Hi' });
    await addRecipients(campaign.id, [{ email: 'stay@example.com' }, { email: 'Gone@Example.com' }]);
    await agent.post('/api/suppressions', { email: 'gone@example.com', reason: 'manual' });
    const check = preflightSchema.parse(await (await agent.get(`/api/campaigns/${campaign.id}/preflight`)).json());
    expect(check).toMatchObject({ sendable: 1, skipped: { suppressed: 1 } });
    const [first, second] = await Promise.all([
      agent.post(`/api/campaigns/${campaign.id}/launch`, {}),
      agent.post(`/api/campaigns/${campaign.id}/launch`, {}),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const { recipients } = await (await agent.get(`/api/campaigns/${campaign.id}/recipients?status=skipped`)).json();
    expect(recipients).toMatchObject([{ email: 'Gone@Example.com', statusReason: 'On your suppression list' }]);
    const jobs = await t.client.execute({ sql: 'SELECT count(*) AS n FROM send_jobs WHERE campaign_id = ?', args: [campaign.id] });
    expect(jobs.rows[0]!.n).toBe(1);
  });
});

describe('lifecycle', () => {
  async function launched() {
    const accountId = await connectAccount();
    const campaign = await createCampaign({ accountIds: [accountId], subject: 'Hi', html: '<p>Hi</p>' });
    await addRecipients(campaign.id, [{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    expect((await agent.post(`/api/campaigns/${campaign.id}/launch`, {})).status).toBe(200);
    return campaign.id as string;
  }

  it('pauses, resumes and cancels, cancelling every job not yet sent', async () => {
    const id = await launched();
    expect((await (await agent.post(`/api/campaigns/${id}/pause`)).json()).status).toBe('paused');
    expect((await agent.post(`/api/campaigns/${id}/pause`)).status).toBe(409);
    expect((await (await agent.post(`/api/campaigns/${id}/resume`)).json()).status).toBe('sending');
    expect((await (await agent.post(`/api/campaigns/${id}/cancel`)).json()).status).toBe('cancelled');
    const jobs = await t.client.execute({ sql: 'SELECT status FROM send_jobs WHERE campaign_id = ?', args: [id] });
    expect(jobs.rows.map((row) => row.status)).toEqual(['cancelled', 'cancelled']);
    expect((await agent.post(`/api/campaigns/${id}/resume`)).status).toBe(409);
  });

  it('after launch, keeps the sent content fixed but lets the name, pace and follow-ups change', async () => {
    const id = await launched();
    const locked = await agent.patch(`/api/campaigns/${id}`, { subject: 'Changed', html: '<p>x</p>' });
    expect(locked.status).toBe(400);
    expect((await locked.json()).errors.map((e: { field: string }) => e.field)).toEqual(['subject', 'html']);
    const allowed = await agent.patch(`/api/campaigns/${id}`, {
      name: 'Renamed',
      throttle: { minGapSeconds: 300, maxGapSeconds: 600 },
      followUps: [{ delayHours: 48, html: '<p>Just checking in</p>' }],
    });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ name: 'Renamed', followUps: [{ delayHours: 48, subject: null, condition: 'no_reply' }] });
  });

  it('deleting a campaign deletes its recipients and jobs', async () => {
    const id = await launched();
    expect((await agent.delete(`/api/campaigns/${id}`)).status).toBe(204);
    expect((await agent.get(`/api/campaigns/${id}`)).status).toBe(404);
    for (const table of ['recipients', 'send_jobs']) {
      const rows = await t.client.execute({ sql: `SELECT count(*) AS n FROM ${table} WHERE campaign_id = ?`, args: [id] });
      expect(rows.rows[0]!.n, table).toBe(0);
    }
  });
});

describe('recipients', () => {
  it('pages through recipients with a cursor, filtered by state', async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, Array.from({ length: 25 }, (_, i) => ({ email: `r${i}@example.com` })));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = recipientPageSchema.parse(
        await (await agent.get(`/api/campaigns/${campaign.id}/recipients?limit=10${cursor ? `&cursor=${cursor}` : ''}`)).json(),
      );
      seen.push(...page.recipients.map((r) => r.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}@example.com`));
    const sent = await (await agent.get(`/api/campaigns/${campaign.id}/recipients?status=sent`)).json();
    expect(sent).toEqual({ recipients: [], nextCursor: null, total: 0 });
    expect((await agent.get(`/api/campaigns/${campaign.id}/recipients?cursor=garbage`)).status).toBe(400);
  });

  it('edits and removes a recipient, refusing a duplicate address', async () => {
    const campaign = await createCampaign();
    await addRecipients(campaign.id, [{ email: 'a@example.com' }, { email: 'b@example.com', fields: { company: 'B' } }]);
    const { recipients } = await (await agent.get(`/api/campaigns/${campaign.id}/recipients`)).json();
    const [a, b] = recipients;
    const edited = await agent.patch(`/api/campaigns/${campaign.id}/recipients/${b.id}`, { fields: { company: 'Bee' } });
    expect(await edited.json()).toMatchObject({ email: 'b@example.com', fields: { company: 'Bee' } });
    const clash = await agent.patch(`/api/campaigns/${campaign.id}/recipients/${b.id}`, { email: 'A@example.com' });
    expect(clash.status).toBe(409);
    expect((await agent.delete(`/api/campaigns/${campaign.id}/recipients/${a.id}`)).status).toBe(204);
    expect((await (await agent.get(`/api/campaigns/${campaign.id}`)).json()).counts.total).toBe(1);
  });

  it('imports a CSV and exports the recipients with their state, defusing spreadsheet formulas', async () => {
    const campaign = await createCampaign();
    const csv = 'Email,First Name,Note\r\nada@example.com,Ada,=HYPERLINK("http://evil")\r\nnot-an-address,Bob,x\r\n';
    const imported = await agent.request('POST', `/api/campaigns/${campaign.id}/recipients/import`, {
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(201);
    expect(await imported.json()).toMatchObject({ imported: 1, invalid: [{ row: 3, value: 'not-an-address' }], fields: ['First Name', 'Note'] });
    const exported = await agent.get(`/api/campaigns/${campaign.id}/recipients.csv`);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await exported.text();
    expect(text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('email,First Name,Note,status,status_reason,last_event_at,added_at');
    expect(text).toContain(`ada@example.com,Ada,"'=HYPERLINK(""http://evil"")",pending`);
  });
});

describe('test send', () => {
  it('sends the message rendered for a recipient to the account itself, marked [Test], through Gmail', async () => {
    const accountId = await connectAccount();
    const campaign = await createCampaign({ accountIds: [accountId] });
    await addRecipients(campaign.id, [{ email: 'ada@example.com', fields: { 'first name': 'Ada', company: 'AE' } }]);
    const response = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId, recipient: '0' });
    expect(response.status).toBe(200);
    expect(testSendResultSchema.parse(await response.json())).toMatchObject({ sentTo: 'sender@gmail.com', subject: '[Test] Hello Ada', missing: [], recipient: 'ada@example.com' });
    const { body } = await t.control('GET', '/mailboxes/sender%40gmail.com/messages');
    expect(body).toHaveLength(1);
    const raw = Buffer.from(body[0].raw, 'base64url').toString();
    expect(raw).toMatch(/^To: sender@gmail\.com$/m);
    expect(raw).toMatch(/^Subject: \[Test\] Hello Ada$/m);
    expect(raw).not.toMatch(/\/t\/o\/|List-Unsubscribe/);
    // It counts toward the account's daily limit, as Gmail counts it.
    const [account] = (await (await agent.get('/api/accounts')).json()).accounts;
    expect(account.id).toBe(accountId);
    expect((await (await agent.get(`/api/campaigns/${campaign.id}`)).json()).counts.sent).toBe(0);
  });

  it('refuses an account that is not the user\'s, and reports Gmail refusing', async () => {
    const accountId = await connectAccount();
    const campaign = await createCampaign({ accountIds: [accountId] });
    expect((await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId: 'acc_other' })).status).toBe(400);
    await t.control('POST', '/faults', { operation: 'send', status: 503, count: 1 });
    const refused = await agent.post(`/api/campaigns/${campaign.id}/test`, { accountId });
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toMatch(/The test message was not sent: Gmail had a temporary problem/);
  });
});

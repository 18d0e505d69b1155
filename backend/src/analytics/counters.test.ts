import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { campaignStatsSchema, statsOverviewSchema } from '../../../shared/schemas/analytics';
import { deliveryStatusNotification, plainMessage } from '../testing/incoming-mail';
import { sentCampaignScenario } from '../testing/sent-campaign-scenario';
import { countersFromRawRows, rerunBackfill, storedCounters, variantLastSentAt } from './testing/counters-from-raw-rows';

const scenarios: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const PEOPLE = ['ada@example.com', 'bob@example.com', 'cy@example.com', 'dee@example.com'];
const GMAIL_PROXY = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';
const SCANNER = 'python-requests/2.31';

type Scenario = Awaited<ReturnType<typeof sentCampaign>>;

/** Four recipients sent the first message of a campaign with two links and a follow-up an hour later. */
async function sentCampaign() {
  const s = await sentCampaignScenario({
    html: '<p>Hi <a href="https://example.org/a">A</a> and <a href="https://example.org/b">B</a></p>',
    recipients: PEOPLE,
    campaign: { schedule: { days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } }, followUps: [{ delayHours: 1, html: '<p>Again</p>' }] },
  });
  scenarios.push(s);
  // Past the window in which a click is a gateway scanner's (classify-visitor.ts).
  s.t.clock.advance(60_000);
  // By id: an erased person's address is gone from their row.
  const ids = new Map<string, number>();
  for (const email of PEOPLE) ids.set(email, (await s.recipient(email)).recipientId);
  return Object.assign(s, { recipientId: (email: string) => ids.get(email)! });
}

async function deliver(s: Scenario, raw: string) {
  const response = await s.t.control('POST', `/mailboxes/${encodeURIComponent('sender@gmail.com')}/messages`, { raw });
  expect(response.status).toBeLessThan(300);
}

const step = fc.record({
  action: fc.constantFrom('open', 'proxy-open', 'click', 'scanner-click', 'every-link', 'unsubscribe', 'reply', 'bounce', 'erase', 'legacy-click', 'tick'),
  person: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
  link: fc.integer({ min: 0, max: 1 }),
  minutes: fc.integer({ min: 0, max: 40 }),
});

type Action = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** Each person's A/B variant of the first message and of the follow-up (null: that step has none for them), 0–2. */
const variantsOfPeople = fc.array(fc.tuple(fc.option(fc.nat(2), { nil: null }), fc.option(fc.nat(2), { nil: null })), {
  minLength: PEOPLE.length,
  maxLength: PEOPLE.length,
});

/**
 * Gives the jobs their variants as a launch would (split_key in recipient order): the sent first
 * messages now (the counters' update trigger moves them), the queued follow-ups before they go.
 */
async function assignVariants(s: Scenario, variants: (typeof variantsOfPeople extends fc.Arbitrary<infer T> ? T : never)) {
  for (const [key, email] of PEOPLE.entries()) {
    for (const [stepNumber, variant] of variants[key]!.entries()) {
      await s.t.client.execute({
        sql: 'UPDATE send_jobs SET variant = ?, split_key = ? WHERE recipient_id = ? AND step = ?',
        args: [variant, key, s.recipientId(email), stepNumber],
      });
    }
  }
}

/** One step of the workload, through the real routes, the engine and the sandbox where there is one. */
async function run(s: Scenario, { action, person, link, minutes }: Action) {
  s.t.clock.advance(minutes * 60_000);
  const email = PEOPLE[person]!;
  const message = s.message(email);
  const get = (url: string, userAgent?: string) => s.request(url, userAgent ? { headers: { 'user-agent': userAgent } } : {});
  switch (action) {
    case 'open':
      return get(message.pixelUrl!);
    case 'proxy-open':
      return get(message.pixelUrl!, GMAIL_PROXY);
    case 'click':
      return get(message.clickUrls[link]!);
    case 'scanner-click':
      return get(message.clickUrls[link]!, SCANNER);
    case 'every-link':
      // Both links at once: the writer relabels the earlier click as a machine's (clicked-every-link).
      await get(message.clickUrls[0]!);
      await s.sink.flush();
      return get(message.clickUrls[1]!);
    case 'unsubscribe':
      return s.request(message.unsubscribeUrl!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    case 'reply':
    case 'bounce': {
      const [job] = (await s.t.client.execute({ sql: 'SELECT message_id FROM send_jobs WHERE recipient_id = ? AND step = 0', args: [s.recipientId(email)] })).rows;
      const inReplyTo = String(job!.message_id);
      await deliver(
        s,
        action === 'reply'
          ? plainMessage({ From: email, To: 'sender@gmail.com', Subject: 'Re: Hello', 'In-Reply-To': inReplyTo, References: inReplyTo })
          : deliveryStatusNotification({ to: 'sender@gmail.com', failed: email, status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 user unknown', inReplyTo }),
      );
      s.t.clock.advance(61_000);
      return s.tick();
    }
    case 'erase':
      return s.agent.post('/api/people/erase', { email });
    case 'legacy-click':
      // A click recorded before click tokens carried the link's index, and before events had a step.
      return s.t.client.execute({
        sql: `INSERT INTO tracking_events (campaign_id, recipient_id, job_id, step, kind, url, machine, occurred_at)
              SELECT campaign_id, recipient_id, id, NULL, 'click', ?, 0, ? FROM send_jobs WHERE recipient_id = ? AND step = 0`,
        args: [`https://example.org/${'ab'[link]}?old`, s.t.clock.now().getTime(), s.recipientId(email)],
      });
    case 'tick':
      return s.tick();
  }
}

describe('analytics counters', () => {
  it('equal a recount of the raw rows after any mix of events, retries, relabels, unsubscribes, replies, bounces, follow-ups, erasures and A/B variants', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 8, maxLength: 30 }), variantsOfPeople, async (workload, variants) => {
        const s = await sentCampaign();
        await assignVariants(s, variants);
        for (const action of workload) await run(s, action);
        await s.sink.flush();

        const stored = await storedCounters(s.t.client);
        expect(stored).toEqual(await countersFromRawRows(s.t.client));
        for (const { stored: last, latestSent } of await variantLastSentAt(s.t.client)) expect(last).toBeGreaterThanOrEqual(latestSent);
        // The answers read from them parse and add up.
        const stats = campaignStatsSchema.parse(await (await s.agent.get(`/api/campaigns/${s.campaignId}/stats`)).json());
        expect(stats.recipients).toBe(PEOPLE.length);
        expect(stats.opens.unique).toBeLessThanOrEqual(stats.opens.human + stats.opens.machine);
        statsOverviewSchema.parse(await (await s.agent.get('/api/stats/overview')).json());

        // A database from before migration 0010 gets the same counters from its backfill.
        await rerunBackfill(s.t.client);
        expect(await storedCounters(s.t.client)).toEqual(stored);
        await s.close();
        scenarios.splice(scenarios.indexOf(s), 1);
      }),
      { numRuns: Number(process.env.H_RUNS ?? 5) },
    );
  }, 120_000);
});

describe('analytics counters from existing rows', () => {
  /** A campaign's raw rows written by SQL, as a database from before the counters would hold them. */
  async function rawRows(s: Scenario) {
    const { client } = s.t;
    const now = s.t.clock.now().getTime();
    const [campaign] = (await client.execute({ sql: 'SELECT id, user_id FROM campaigns WHERE id = ?', args: [s.campaignId] })).rows;
    const id = String(campaign!.id);
    await client.execute({
      sql: `INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, created_at)
            SELECT ?, ?, 'x' || value || '@example.com', 'x' || value || '@example.com', '{}',
                   CASE value % 4 WHEN 0 THEN 'replied' WHEN 1 THEN 'bounced' WHEN 2 THEN 'pending' ELSE 'sent' END, ?
            FROM generate_series(1, 12)`,
      args: [id, String(campaign!.user_id), now],
    }).catch(async () => {
      // generate_series is an extension some builds lack: a recursive CTE does the same.
      await client.execute({
        sql: `WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 12)
              INSERT INTO recipients (campaign_id, user_id, email, email_key, fields, status, created_at)
              SELECT ?, ?, 'x' || value || '@example.com', 'x' || value || '@example.com', '{}',
                     CASE value % 4 WHEN 0 THEN 'replied' WHEN 1 THEN 'bounced' WHEN 2 THEN 'pending' ELSE 'sent' END, ? FROM n`,
        args: [id, String(campaign!.user_id), now],
      });
    });
    // Step 0 for every new recipient but the pending, step 1 for some, one sent job without a time;
    // A/B variants 0–2 on most, none on some (a follow-up without variants, a recipient held for the winner).
    await client.execute({
      sql: `INSERT INTO send_jobs (campaign_id, recipient_id, user_id, step, status, due_at, attempts, message_id, sent_at, created_at, account_id, tracked,
                                   variant, split_key)
            SELECT campaign_id, id, user_id, steps.step, CASE WHEN steps.step = 1 AND id % 3 = 0 THEN 'queued' ELSE 'sent' END, ?, 1,
                   '<' || id || '.' || steps.step || '@raw>', CASE WHEN id % 5 = 0 THEN NULL ELSE ? + id * 600000 + steps.step * 3600000 END, ?,
                   CASE WHEN id % 2 = 0 THEN 'acc_a' ELSE 'acc_b' END, id % 3 <> 1,
                   CASE WHEN (id + steps.step) % 4 = 3 THEN NULL ELSE (id + steps.step) % 3 END, id
            FROM recipients CROSS JOIN (SELECT 0 AS step UNION ALL SELECT 1) AS steps
            WHERE campaign_id = ? AND email LIKE 'x%' AND status <> 'pending'`,
      args: [now, now, now, id],
    });
    // Every kind, people and machines, both steps, clicks with and without a link index, some with neither step nor URL.
    await client.execute({
      sql: `INSERT INTO tracking_events (campaign_id, recipient_id, job_id, step, kind, link_index, url, machine, occurred_at)
            SELECT j.campaign_id, j.recipient_id, j.id, CASE WHEN k.n % 7 = 0 THEN NULL ELSE j.step END,
                   k.kind, CASE WHEN k.kind = 'click' AND k.n % 3 <> 0 THEN k.n % 2 END,
                   CASE WHEN k.kind = 'click' AND k.n % 3 = 0 AND k.n % 4 <> 0 THEN 'https://old.example/' || (k.n % 2) END,
                   (k.n + j.id) % 3 = 0, ? + j.id * 700000 + k.n * 1000000
            FROM send_jobs AS j
            CROSS JOIN (SELECT column1 AS n, column2 AS kind FROM (VALUES (1, 'open'), (2, 'open'), (3, 'click'), (4, 'click'), (5, 'click'),
              (6, 'reply'), (7, 'auto_reply'), (8, 'bounce'), (9, 'soft_bounce'), (10, 'unsubscribe'), (11, 'open'), (12, 'click'))) AS k
            WHERE j.campaign_id = ? AND j.status = 'sent' AND (j.id + k.n) % 2 = 0`,
      args: [now, id],
    });
    return id;
  }

  it('the migration backfills them from the raw rows, equal to what the triggers count', async () => {
    const s = await sentCampaign();
    await rawRows(s);
    const counted = await storedCounters(s.t.client);
    expect(counted).toEqual(await countersFromRawRows(s.t.client));
    expect(counted.analytics_links.some((row) => row.link_index === -1 && row.url === '')).toBe(true);
    // Variants of both steps, with people's replies and clicks counted for them.
    expect(new Set(counted.analytics_variants.map((row) => row.step))).toEqual(new Set([0, 1]));
    expect(counted.analytics_variants.some((row) => Number(row.replied) > 0 && Number(row.human_clicks) > 0)).toBe(true);
    await rerunBackfill(s.t.client);
    expect(await storedCounters(s.t.client)).toEqual(counted);
  });

  it('keep the event figures when retention deletes old events, follow deleted recipients, and go with their campaign', async () => {
    const s = await sentCampaign();
    const id = await rawRows(s);
    const before = await storedCounters(s.t.client);
    const stats = async () => campaignStatsSchema.parse(await (await s.agent.get(`/api/campaigns/${id}/stats`)).json());
    const { opens, clicks, links } = await stats();

    await s.t.client.execute({ sql: 'DELETE FROM tracking_events WHERE campaign_id = ?', args: [id] });
    expect(await storedCounters(s.t.client)).toEqual(before);
    expect(await stats()).toMatchObject({ opens, clicks, links });

    // The retention job's "recipients of finished campaigns": the rows are gone, so are their counts.
    await s.t.client.execute({ sql: 'DELETE FROM recipients WHERE campaign_id = ?', args: [id] });
    const after = await stats();
    expect(after).toMatchObject({ recipients: 0, sent: 0, tracked: 0, replied: 0, bounced: 0, accounts: [], opens, clicks });
    const recounted = await countersFromRawRows(s.t.client);
    const stored = await storedCounters(s.t.client);
    for (const table of ['analytics_recipients', 'analytics_steps', 'analytics_accounts'] as const) expect(stored[table]).toEqual(recounted[table]);

    expect((await s.agent.delete(`/api/campaigns/${id}`)).status).toBeLessThan(300);
    for (const rows of Object.values(await storedCounters(s.t.client))) expect(rows).toEqual([]);
    const firsts = await s.t.client.execute('SELECT (SELECT count(*) FROM analytics_event_firsts) + (SELECT count(*) FROM analytics_link_firsts) AS n');
    expect(firsts.rows[0]!.n).toBe(0);
  });
});

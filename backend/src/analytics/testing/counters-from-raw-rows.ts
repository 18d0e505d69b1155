import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Client } from '@libsql/client';

/**
 * Tests only: every analytics counter (schema.ts "Analytics counters", migration 0010; analytics_variants,
 * migration 0012) as stored, and
 * as recomputed from the raw rows (recipients, send_jobs, tracking_events) by plain GROUP BY queries,
 * in the same shape so that the two compare with `toEqual`. Rows whose counts are all zero are left
 * out of the stored side: a counter that went back to zero is no row in a recount.
 */
export type Counters = Record<(typeof TABLES)[number], Record<string, unknown>[]>;

const TABLES = [
  'analytics_recipients',
  'analytics_steps',
  'analytics_accounts',
  'analytics_events',
  'analytics_links',
  'analytics_quarters',
  'analytics_variants',
] as const;

const VARIANT_COUNTS = ['sent', 'tracked', 'replied', 'human_opens', 'human_clicks', 'bounced', 'unsubscribed'] as const;
const SOME_VARIANT_COUNT = VARIANT_COUNTS.map((c) => `${c} <> 0`).join(' OR ');

const STORED: Record<(typeof TABLES)[number], string> = {
  analytics_recipients: 'SELECT campaign_id, status, recipients FROM analytics_recipients WHERE recipients <> 0',
  analytics_steps: 'SELECT campaign_id, step, sent, tracked FROM analytics_steps WHERE sent <> 0 OR tracked <> 0',
  analytics_accounts: 'SELECT campaign_id, account_id, sent, replied, bounced FROM analytics_accounts WHERE sent <> 0 OR replied <> 0 OR bounced <> 0',
  analytics_events: 'SELECT campaign_id, kind, who, step, events, recipients FROM analytics_events WHERE events <> 0 OR recipients <> 0',
  analytics_links: 'SELECT campaign_id, step, link_index, url, clicks, unique_human, first_job_id FROM analytics_links WHERE clicks <> 0',
  analytics_quarters: `SELECT campaign_id, quarter, sent, human_opens, machine_opens, human_clicks, machine_clicks, replies, bounces, unsubscribes
    FROM analytics_quarters WHERE sent + human_opens + machine_opens + human_clicks + machine_clicks + replies + bounces + unsubscribes <> 0`,
  // last_sent_at only ever moves forward (the A/B wait starts from it): checked on its own, see variantLastSentAt.
  analytics_variants: `SELECT campaign_id, step, variant, ${VARIANT_COUNTS.join(', ')} FROM analytics_variants WHERE ${SOME_VARIANT_COUNT}`,
};

// Every step (-1) as any and as its own who; a person's event at its step too.
const WHO_AND_STEP = `FROM tracking_events AS e
  JOIN (SELECT 'any' AS who, 1 AS every_step UNION ALL SELECT 'own', 1 UNION ALL SELECT 'person', 0) AS c ON c.who <> 'person' OR e.machine = 0`;

const RECOMPUTED: Record<(typeof TABLES)[number], string> = {
  analytics_recipients: 'SELECT campaign_id, status, count(*) AS recipients FROM recipients GROUP BY 1, 2',
  analytics_steps: "SELECT campaign_id, step, count(*) AS sent, sum(tracked) AS tracked FROM send_jobs WHERE status = 'sent' GROUP BY 1, 2",
  analytics_accounts: `SELECT j.campaign_id, j.account_id, count(*) AS sent,
      sum(j.step = 0 AND r.status = 'replied') AS replied, sum(j.step = 0 AND r.status = 'bounced') AS bounced
    FROM send_jobs AS j JOIN recipients AS r ON r.id = j.recipient_id
    WHERE j.status = 'sent' AND j.account_id IS NOT NULL GROUP BY 1, 2`,
  analytics_events: `SELECT e.campaign_id, e.kind, CASE c.who WHEN 'own' THEN CASE WHEN e.machine THEN 'machine' ELSE 'person' END ELSE c.who END AS who,
      CASE WHEN c.every_step THEN -1 ELSE coalesce(e.step, 0) END AS step,
      count(*) AS events, count(DISTINCT e.recipient_id) AS recipients ${WHO_AND_STEP} GROUP BY 1, 2, 3, 4`,
  analytics_links: `SELECT campaign_id, coalesce(step, 0) AS step, coalesce(link_index, -1) AS link_index,
      CASE WHEN link_index IS NULL THEN coalesce(url, '') ELSE '' END AS url, count(*) AS clicks,
      count(DISTINCT CASE WHEN machine = 0 THEN recipient_id END) AS unique_human,
      min(CASE WHEN link_index IS NOT NULL THEN job_id END) AS first_job_id
    FROM tracking_events WHERE kind = 'click' GROUP BY 1, 2, 3, 4`,
  analytics_quarters: `SELECT campaign_id, quarter, sum(sent) AS sent, sum(human_opens) AS human_opens, sum(machine_opens) AS machine_opens,
      sum(human_clicks) AS human_clicks, sum(machine_clicks) AS machine_clicks, sum(replies) AS replies, sum(bounces) AS bounces,
      sum(unsubscribes) AS unsubscribes
    FROM (
      SELECT campaign_id, occurred_at / 900000 AS quarter, 0 AS sent,
        kind = 'open' AND NOT machine AS human_opens, kind = 'open' AND machine AS machine_opens,
        kind = 'click' AND NOT machine AS human_clicks, kind = 'click' AND machine AS machine_clicks,
        kind = 'reply' AS replies, kind = 'bounce' AS bounces, kind = 'unsubscribe' AS unsubscribes
      FROM tracking_events
      UNION ALL
      SELECT campaign_id, sent_at / 900000, 1, 0, 0, 0, 0, 0, 0, 0 FROM send_jobs WHERE status = 'sent' AND sent_at IS NOT NULL
    ) GROUP BY 1, 2
    HAVING sum(sent) + sum(human_opens) + sum(machine_opens) + sum(human_clicks) + sum(machine_clicks) + sum(replies) + sum(bounces) + sum(unsubscribes) <> 0`,
  // Messages: the 'sent' jobs with a variant. People: each recipient's first person event of a kind
  // answering a step (analytics_event_firsts), counted for the variant of their job of that step.
  analytics_variants: `SELECT * FROM (SELECT campaign_id, step, variant, sum(sent) AS sent, sum(tracked) AS tracked, sum(kind = 'reply') AS replied,
      sum(kind = 'open') AS human_opens, sum(kind = 'click') AS human_clicks, sum(kind = 'bounce') AS bounced, sum(kind = 'unsubscribe') AS unsubscribed
    FROM (
      SELECT campaign_id, step, variant, 1 AS sent, tracked, '' AS kind FROM send_jobs WHERE status = 'sent' AND variant IS NOT NULL
      UNION ALL
      SELECT f.campaign_id, f.step, j.variant, 0, 0, f.kind
      FROM analytics_event_firsts AS f JOIN send_jobs AS j ON j.recipient_id = f.recipient_id AND j.step = f.step
      WHERE f.who = 'person' AND f.step >= 0 AND f.kind IN ('open', 'click', 'reply', 'bounce', 'unsubscribe') AND j.variant IS NOT NULL
    ) GROUP BY 1, 2, 3) WHERE ${SOME_VARIANT_COUNT}`,
};

async function read(client: Client, queries: Record<(typeof TABLES)[number], string>): Promise<Counters> {
  const counters = {} as Counters;
  for (const table of TABLES) {
    const rows = (await client.execute(queries[table])).rows.map((row) => ({ ...row }));
    counters[table] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return counters;
}

/** The counters as the triggers (or the backfill) left them. */
export const storedCounters = (client: Client) => read(client, STORED);

/** The counters recomputed from the raw rows. */
export const countersFromRawRows = (client: Client) => read(client, RECOMPUTED);

/**
 * Each variant counter's last_sent_at beside the latest sent_at of its 'sent' jobs. The counter only
 * moves forward (a job deleted or changed later leaves it), so it is at least that latest time.
 */
export async function variantLastSentAt(client: Client): Promise<{ stored: number; latestSent: number }[]> {
  const rows = await client.execute(`SELECT coalesce(v.last_sent_at, 0) AS stored,
      (SELECT coalesce(max(j.sent_at), 0) FROM send_jobs AS j WHERE j.campaign_id = v.campaign_id AND j.step = v.step
        AND j.variant = v.variant AND j.status = 'sent') AS latest_sent
    FROM analytics_variants AS v`);
  return rows.rows.map((row) => ({ stored: Number(row.stored), latestSent: Number(row.latest_sent) }));
}

/**
 * Empties every counter, then runs migration 0010's backfill (the statements after its "-- Backfill"
 * comment) as a database created before the migration would. analytics_variants stays: a database
 * from before 0010 had no variants (0012 added them), and its people counts go out and come back
 * with analytics_event_firsts, whose triggers keep them.
 */
export async function rerunBackfill(client: Client): Promise<void> {
  const emptied = ['analytics_event_firsts', 'analytics_link_firsts', ...TABLES.filter((table) => table !== 'analytics_variants')];
  for (const table of emptied) await client.execute(`DELETE FROM ${table}`);
  const migration = readFileSync(fileURLToPath(new URL('../../../drizzle/0010_analytics_counters.sql', import.meta.url)), 'utf8');
  const backfill = migration.slice(migration.indexOf('-- Backfill'));
  for (const statement of backfill.split('--> statement-breakpoint')) await client.execute(statement);
}

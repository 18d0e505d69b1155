import type { InArgs, InStatement } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { sendingScenario, type SendingScenario } from '../testing/sending-scenario';

/**
 * A tick runs many times a minute for as long as the product runs, so none of its statements may
 * read a table's history: the work of a tick must not grow with the messages sent before (issue 17,
 * where a 100,000-recipient day slowed from 115 to 50 messages a second as it went). Checked on
 * SQLite's own plans for every statement a tick runs, with the values it bound:
 * - no full scan of a table that grows with sending;
 * - no read of an account's whole send history (send_jobs_sent_by_account by the account alone,
 *   without a time range), as the dead-scheduler check did;
 * - no read of every sent job, or of every job a campaign sent (send_jobs_due by status, or status
 *   and campaign, with 'sent'), as the reply poll's "which accounts sent in 30 days" and the
 *   campaign's daily cap did.
 */
const scenarios: SendingScenario[] = [];
afterEach(async () => {
  for (const s of scenarios.splice(0)) await s.close();
});

const ALWAYS = { timezone: 'UTC', days: [1, 2, 3, 4, 5, 6, 7], window: { start: '00:00', end: '24:00' } };
const GROWING = ['send_jobs', 'recipients', 'account_sends', 'tracking_events', 'job_links'];

describe("a scheduler tick's statements", () => {
  it('read what is due, never the history of what was sent', async () => {
    const s = await sendingScenario({ accounts: ['one@gmail.com', 'two@gmail.com'] });
    scenarios.push(s);
    for (const id of s.accountIds) await s.agent.patch(`/api/accounts/${id}`, { minGapSeconds: 60, maxGapSeconds: 60 });
    const recipients = Array.from({ length: 12 }, (_, i) => ({ email: `person${i}@example.com` }));
    // A daily cap, so the tick also counts the campaign's day.
    await s.launch({ subject: 'Hello', html: '<p>Hi <a href="https://example.org/a">there</a></p>', schedule: ALWAYS, throttle: { dailyCap: 100 } }, recipients);
    // Some messages out (history to be tempted by), then a tick with both accounts due and one with both waiting.
    for (let i = 0; i < 3; i++) {
      await s.tick();
      s.t.clock.advance(60_000);
    }
    const seen = captureStatements(s);
    await s.tick();
    s.t.clock.advance(10_000);
    await s.tick();
    seen.stop();
    expect(seen.statements.length).toBeGreaterThan(10);

    const problems: string[] = [];
    for (const { sql, args } of seen.statements) {
      if (!/^\s*(SELECT|UPDATE|INSERT|DELETE|WITH)/i.test(sql)) continue;
      const plan = await s.t.client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args });
      const growing = namesOfGrowingTables(sql);
      // 'sent' bound or written in the text (`+status = 'sent'`).
      const readsSent = (args as unknown[]).includes('sent') || sql.includes("'sent'");
      for (const row of plan.rows) {
        const detail = String(row.detail);
        const fullScan = /^SCAN (\S+)/.exec(detail)?.[1];
        const accountHistory = /send_jobs_sent_by_account \(account_id=\?\)$/.test(detail);
        const everySent = /send_jobs_due \(status=\?( AND campaign_id=\?)?\)$/.test(detail) && readsSent;
        if ((fullScan && growing.has(fullScan)) || accountHistory || everySent) problems.push(`${detail}  ←  ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

/** The growing tables a statement reads, by name and by any alias it gives them (`recipients r`, `send_jobs AS job`). */
function namesOfGrowingTables(sql: string): Set<string> {
  const names = new Set(GROWING);
  const alias = new RegExp(`["\`]?\\b(${GROWING.join('|')})\\b["\`]?\\s+(?:AS\\s+)?["\`]?(\\w+)`, 'gi');
  for (const [, , name] of sql.matchAll(alias)) if (!SQL_WORDS.has(name!.toUpperCase())) names.add(name!);
  return names;
}

const SQL_WORDS = new Set(['WHERE', 'SET', 'ON', 'JOIN', 'LEFT', 'INNER', 'CROSS', 'USING', 'ORDER', 'GROUP', 'LIMIT', 'VALUES', 'SELECT', 'INDEXED', 'NOT', 'AND', 'OR', 'RETURNING', 'FROM', 'DEFAULT', 'UNION', 'WITH', 'AS']);

/** Every statement reaching the client (each of a batch), with its bound values, until stop(). */
function captureStatements(s: SendingScenario) {
  const client = s.t.client;
  const statements: { sql: string; args: InArgs }[] = [];
  const note = (stmt: InStatement | string, args?: InArgs) =>
    statements.push(typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : { sql: stmt.sql, args: stmt.args ?? [] });
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  client.execute = ((stmt: InStatement | string, args?: InArgs) => {
    note(stmt, args);
    return args === undefined ? execute(stmt as InStatement) : execute(stmt as string, args);
  }) as typeof client.execute;
  client.batch = ((stmts: InStatement[], mode?: Parameters<typeof client.batch>[1]) => {
    for (const stmt of stmts) note(stmt);
    return batch(stmts, mode);
  }) as typeof client.batch;
  return {
    statements,
    stop() {
      client.execute = execute;
      client.batch = batch;
    },
  };
}

import { sql, type SQL } from 'drizzle-orm';

/**
 * The Message-ID of a campaign's message to one recipient at one step (RFC 5322 §3.6.4):
 * `<campaignId.recipientId.step@host>`, the host being the public URL's host name. It is fixed
 * when the job is queued, so every attempt carries the same id: the Sent-folder check
 * (`rfc822msgid:`) finds an earlier delivery, and a follow-up's In-Reply-To names it.
 *
 * Written in two forms, both here: SQL at launch (one statement queues every recipient) and
 * TypeScript for each follow-up. campaign-message-id.test.ts holds them equal.
 */

/** The host name our Message-IDs end with: the one the public URL names. */
export function messageIdHost(publicUrl: string): string {
  return new URL(publicUrl).hostname;
}

/**
 * @example campaignMessageId({ campaignId: 'cmp_3', recipientId: 41, step: 1 }, 'iconnect.example') // '<cmp_3.41.1@iconnect.example>'
 */
export function campaignMessageId(ids: { campaignId: string; recipientId: number; step: number }, host: string): string {
  return `<${ids.campaignId}.${ids.recipientId}.${ids.step}@${host}>`;
}

/** A test message's id: random (a test is never searched for or replied to by the engine), same host. */
export function testMessageId(host: string, unique: string): string {
  return `<${unique}@${host}>`;
}

/**
 * The same id as an SQL expression over a row's columns. The step and host go in as one bound
 * text: @libsql/client binds a JavaScript number as REAL, and `'.' || 0.0` reads ".0.0".
 *
 * @example campaignMessageIdSql({ campaignId: sql`r.campaign_id`, recipientId: sql`r.id`, step: 0 }, host)
 */
export function campaignMessageIdSql(ids: { campaignId: SQL; recipientId: SQL; step: number }, host: string): SQL {
  return sql`'<' || ${ids.campaignId} || '.' || ${ids.recipientId} || ${`.${ids.step}@${host}>`}`;
}

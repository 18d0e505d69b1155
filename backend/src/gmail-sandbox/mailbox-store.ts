import type { Client, InStatement, Row } from '@libsql/client';
import { newSubject } from './ids';
import { DEFAULT_QUOTA_UNITS_PER_USER_MINUTE } from './quota-units';

/** Mailboxes, their messages and their history, in the sandbox's own tables. */

export const DEFAULT_DAILY_LIMIT = 500; // consumer Gmail; Workspace is 2,000
export const DEFAULT_PER_MINUTE_LIMIT = 150; // 15,000 quota units a minute / 100 per messages.send
/** Mailboxes start at a Gmail-looking history id rather than 1. */
const FIRST_HISTORY_ID = 1000;

export type Mailbox = {
  address: string;
  sub: string;
  historyId: number;
  firstHistoryId: number;
  dailyLimit: number;
  perMinuteLimit: number;
  /** Gmail API quota units this user may use a minute (quota-units.ts). */
  quotaUnitsPerMinute: number;
};

export type StoredMessage = {
  id: string;
  mailbox: string;
  threadId: string;
  labelIds: string[];
  raw: string;
  rfc822MessageId: string | null;
  fromAddress: string;
  recipients: string[];
  subject: string;
  snippet: string;
  sizeEstimate: number;
  internalDate: number;
  historyId: number;
  sentViaApi: boolean;
};

export type NewMessage = Omit<StoredMessage, 'historyId'>;

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

function toMailbox(row: Row): Mailbox {
  return {
    address: text(row.address),
    sub: text(row.sub),
    historyId: Number(row.history_id),
    firstHistoryId: Number(row.first_history_id),
    dailyLimit: Number(row.daily_limit),
    perMinuteLimit: Number(row.per_minute_limit),
    quotaUnitsPerMinute: Number(row.quota_units_per_minute),
  };
}

function toMessage(row: Row): StoredMessage {
  return {
    id: text(row.id),
    mailbox: text(row.mailbox),
    threadId: text(row.thread_id),
    labelIds: JSON.parse(text(row.label_ids)) as string[],
    raw: text(row.raw),
    rfc822MessageId: row.rfc822_message_id === null ? null : text(row.rfc822_message_id),
    fromAddress: text(row.from_address),
    recipients: text(row.recipients).split(' ').filter(Boolean),
    subject: text(row.subject),
    snippet: text(row.snippet),
    sizeEstimate: Number(row.size_estimate),
    internalDate: Number(row.internal_date),
    historyId: Number(row.history_id),
    sentViaApi: Number(row.sent_via_api) === 1,
  };
}

export type MessageFilter = {
  labelIds?: string[];
  rfc822MessageId?: string;
  afterMs?: number;
  beforeMs?: number;
  from?: string;
  to?: string;
  subject?: string;
};

export function createMailboxStore(db: Client) {
  async function getMailbox(address: string): Promise<Mailbox | undefined> {
    const { rows } = await db.execute({ sql: 'SELECT * FROM sandbox_mailboxes WHERE address = ?', args: [address.toLowerCase()] });
    return rows[0] ? toMailbox(rows[0]) : undefined;
  }

  return {
    getMailbox,

    async listMailboxes(): Promise<Array<Mailbox & { messageCount: number; threadCount: number }>> {
      const { rows } = await db.execute(
        `SELECT m.*, (SELECT COUNT(*) FROM sandbox_messages s WHERE s.mailbox = m.address) AS message_count,
                (SELECT COUNT(DISTINCT thread_id) FROM sandbox_messages s WHERE s.mailbox = m.address) AS thread_count
           FROM sandbox_mailboxes m ORDER BY m.address`,
      );
      return rows.map((row) => ({ ...toMailbox(row), messageCount: Number(row.message_count), threadCount: Number(row.thread_count) }));
    },

    /** Call inside the serial queue. */
    async ensureMailbox(address: string, now: Date): Promise<Mailbox> {
      await db.execute({
        sql: `INSERT INTO sandbox_mailboxes (address, sub, history_id, first_history_id, daily_limit, per_minute_limit, created_at, quota_units_per_minute)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (address) DO NOTHING`,
        args: [
          address.toLowerCase(), newSubject(), FIRST_HISTORY_ID, FIRST_HISTORY_ID, DEFAULT_DAILY_LIMIT, DEFAULT_PER_MINUTE_LIMIT, now.getTime(),
          DEFAULT_QUOTA_UNITS_PER_USER_MINUTE,
        ],
      });
      return (await getMailbox(address))!;
    },

    async setLimits(
      address: string,
      limits: { dailyLimit?: number | undefined; perMinuteLimit?: number | undefined; quotaUnitsPerMinute?: number | undefined },
    ): Promise<void> {
      await db.execute({
        sql: `UPDATE sandbox_mailboxes SET daily_limit = COALESCE(?, daily_limit), per_minute_limit = COALESCE(?, per_minute_limit),
                quota_units_per_minute = COALESCE(?, quota_units_per_minute) WHERE address = ?`,
        args: [limits.dailyLimit ?? null, limits.perMinuteLimit ?? null, limits.quotaUnitsPerMinute ?? null, address.toLowerCase()],
      });
    },

    /**
     * Stores a message and its `messageAdded` history record under the mailbox's next history id,
     * in one batch. Call inside the serial queue (the next id is read, then written).
     */
    async insertMessage(message: NewMessage): Promise<StoredMessage> {
      const mailbox = (await getMailbox(message.mailbox))!;
      const historyId = mailbox.historyId + 1;
      const statements: InStatement[] = [
        { sql: 'UPDATE sandbox_mailboxes SET history_id = ? WHERE address = ?', args: [historyId, mailbox.address] },
        {
          sql: `INSERT INTO sandbox_messages (id, mailbox, thread_id, label_ids, raw, rfc822_message_id, from_address, recipients,
                  subject, snippet, size_estimate, internal_date, history_id, sent_via_api)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [
            message.id, mailbox.address, message.threadId, JSON.stringify(message.labelIds), message.raw, message.rfc822MessageId,
            message.fromAddress, message.recipients.join(' '), message.subject, message.snippet, message.sizeEstimate,
            message.internalDate, historyId, message.sentViaApi ? 1 : 0,
          ],
        },
        { sql: `INSERT INTO sandbox_history (mailbox, history_id, type, message_id) VALUES (?, ?, 'messageAdded', ?)`, args: [mailbox.address, historyId, message.id] },
      ];
      await db.batch(statements, 'write');
      return { ...message, mailbox: mailbox.address, historyId };
    },

    async getMessage(mailbox: string, id: string): Promise<StoredMessage | undefined> {
      const { rows } = await db.execute({ sql: 'SELECT * FROM sandbox_messages WHERE mailbox = ? AND id = ?', args: [mailbox, id] });
      return rows[0] ? toMessage(rows[0]) : undefined;
    },

    async threadMessages(mailbox: string, threadId: string): Promise<StoredMessage[]> {
      const { rows } = await db.execute({
        sql: 'SELECT * FROM sandbox_messages WHERE mailbox = ? AND thread_id = ? ORDER BY internal_date, seq',
        args: [mailbox, threadId],
      });
      return rows.map(toMessage);
    },

    /** The thread of the newest message in this mailbox whose Message-ID is one of `ids`. */
    async threadOfReferenced(mailbox: string, ids: string[]): Promise<string | undefined> {
      if (ids.length === 0) return undefined;
      const { rows } = await db.execute({
        sql: `SELECT thread_id FROM sandbox_messages WHERE mailbox = ? AND rfc822_message_id IN (${ids.map(() => '?').join(',')})
              ORDER BY internal_date DESC, seq DESC LIMIT 1`,
        args: [mailbox, ...ids],
      });
      return rows[0] ? text(rows[0].thread_id) : undefined;
    },

    /** Newest first, like users.messages.list. Label filtering happens in SQL via JSON. */
    async listMessages(mailbox: string, filter: MessageFilter): Promise<StoredMessage[]> {
      const where = ['mailbox = ?'];
      const args: Array<string | number> = [mailbox];
      for (const label of filter.labelIds ?? []) {
        where.push('EXISTS (SELECT 1 FROM json_each(label_ids) WHERE json_each.value = ?)');
        args.push(label);
      }
      if (filter.rfc822MessageId !== undefined) (where.push('rfc822_message_id = ?'), args.push(filter.rfc822MessageId));
      if (filter.afterMs !== undefined) (where.push('internal_date >= ?'), args.push(filter.afterMs));
      if (filter.beforeMs !== undefined) (where.push('internal_date < ?'), args.push(filter.beforeMs));
      if (filter.from !== undefined) (where.push('instr(from_address, ?) > 0'), args.push(filter.from.toLowerCase()));
      if (filter.to !== undefined) (where.push('instr(recipients, ?) > 0'), args.push(filter.to.toLowerCase()));
      if (filter.subject !== undefined) (where.push('instr(lower(subject), ?) > 0'), args.push(filter.subject.toLowerCase()));
      const { rows } = await db.execute({
        sql: `SELECT * FROM sandbox_messages WHERE ${where.join(' AND ')} ORDER BY internal_date DESC, seq DESC`,
        args,
      });
      return rows.map(toMessage);
    },

    /** Oldest first, for the control API and the viewer. */
    async allMessages(mailbox: string): Promise<StoredMessage[]> {
      const { rows } = await db.execute({ sql: 'SELECT * FROM sandbox_messages WHERE mailbox = ? ORDER BY internal_date, seq', args: [mailbox] });
      return rows.map(toMessage);
    },

    /** `messageAdded` records after `startHistoryId`, oldest first, with their messages. */
    async historyAfter(mailbox: string, startHistoryId: number): Promise<Array<{ historyId: number; message: StoredMessage }>> {
      const { rows } = await db.execute({
        sql: `SELECT h.history_id AS record_id, m.* FROM sandbox_history h JOIN sandbox_messages m ON m.id = h.message_id
              WHERE h.mailbox = ? AND h.history_id > ? ORDER BY h.history_id`,
        args: [mailbox, startHistoryId],
      });
      return rows.map((row) => ({ historyId: Number(row.record_id), message: toMessage(row) }));
    },

    /** Internal dates of the API sends in [since, now], oldest first: the sending-limit windows. */
    async apiSendTimes(mailbox: string, sinceMs: number): Promise<number[]> {
      const { rows } = await db.execute({
        sql: 'SELECT internal_date FROM sandbox_messages WHERE mailbox = ? AND sent_via_api = 1 AND internal_date > ? ORDER BY internal_date',
        args: [mailbox, sinceMs],
      });
      return rows.map((row) => Number(row.internal_date));
    },
  };
}

export type MailboxStore = ReturnType<typeof createMailboxStore>;

import type { Client } from '@libsql/client';
import { DEFAULT_QUOTA_UNITS_PER_USER_MINUTE } from './quota-units';

/**
 * The sandbox's own tables, created by the sandbox itself (never by the product's drizzle
 * migrations): the sandbox must be able to run alone, on its own database file.
 */
const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS sandbox_mailboxes (
    address TEXT PRIMARY KEY,            -- lower-cased mailbox address
    sub TEXT NOT NULL,                   -- stable OpenID subject, like Google's numeric "sub"
    history_id INTEGER NOT NULL,         -- last history id handed out (monotonic)
    first_history_id INTEGER NOT NULL,   -- older start ids are "too old" (404), as in Gmail
    daily_limit INTEGER NOT NULL,
    per_minute_limit INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    quota_units_per_minute INTEGER NOT NULL DEFAULT ${DEFAULT_QUOTA_UNITS_PER_USER_MINUTE} -- Gmail API units a minute
  )`,
  // Project-wide settings of the emulated Cloud project, e.g. its per-minute quota.
  `CREATE TABLE IF NOT EXISTS sandbox_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS sandbox_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    mailbox TEXT NOT NULL,
    thread_id TEXT NOT NULL,
    label_ids TEXT NOT NULL,             -- JSON array
    raw TEXT NOT NULL,                   -- base64url RFC 5322, as format=raw returns it
    rfc822_message_id TEXT,              -- with angle brackets
    from_address TEXT NOT NULL,
    recipients TEXT NOT NULL,            -- lower-cased addresses, space separated (search)
    subject TEXT NOT NULL,
    snippet TEXT NOT NULL,
    size_estimate INTEGER NOT NULL,
    internal_date INTEGER NOT NULL,      -- ms since epoch
    history_id INTEGER NOT NULL,
    sent_via_api INTEGER NOT NULL        -- 1 when counted against the sending limits
  )`,
  // Serves list (newest first), the sending-limit windows and rfc822msgid: look-ups.
  `CREATE INDEX IF NOT EXISTS sandbox_messages_by_mailbox_date ON sandbox_messages (mailbox, internal_date)`,
  `CREATE INDEX IF NOT EXISTS sandbox_messages_by_rfc822_id ON sandbox_messages (mailbox, rfc822_message_id)`,
  `CREATE INDEX IF NOT EXISTS sandbox_messages_by_thread ON sandbox_messages (mailbox, thread_id)`,
  `CREATE TABLE IF NOT EXISTS sandbox_history (
    mailbox TEXT NOT NULL,
    history_id INTEGER NOT NULL,
    type TEXT NOT NULL,                  -- only 'messageAdded' so far
    message_id TEXT NOT NULL,
    PRIMARY KEY (mailbox, history_id, message_id)
  )`,
  `CREATE TABLE IF NOT EXISTS sandbox_auth_codes (
    code TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    scopes TEXT NOT NULL,                -- space separated, normalised
    mailbox TEXT NOT NULL,
    offline INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  )`,
  `CREATE TABLE IF NOT EXISTS sandbox_tokens (
    token TEXT PRIMARY KEY,
    kind TEXT NOT NULL,                  -- 'access' | 'refresh'
    grant_id TEXT NOT NULL,              -- one consent; revoking any token of it revokes all
    mailbox TEXT NOT NULL,
    client_id TEXT NOT NULL,
    scopes TEXT NOT NULL,
    expires_at INTEGER,                  -- null for refresh tokens
    revoked_at INTEGER,
    created_at INTEGER NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS sandbox_tokens_by_grant ON sandbox_tokens (grant_id)`,
];

/** Columns added after a table was first created: a sandbox database file from before them gets them here. */
const ADDED_COLUMNS = [
  { table: 'sandbox_mailboxes', column: 'quota_units_per_minute', definition: `INTEGER NOT NULL DEFAULT ${DEFAULT_QUOTA_UNITS_PER_USER_MINUTE}` },
];

export async function ensureSandboxSchema(db: Client): Promise<void> {
  await db.batch(STATEMENTS, 'write');
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const { rows } = await db.execute(`PRAGMA table_info(${table})`);
    if (!rows.some((row) => row.name === column)) await db.execute(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
}

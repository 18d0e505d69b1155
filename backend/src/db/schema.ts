import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Schedule, StoredFollowUp, Throttle } from '../../../shared/schemas/campaigns';
import type { AbDecision, AbTest, Variant } from '../../../shared/schemas/variants';

/**
 * The whole database schema. Times are integer milliseconds since the epoch (`timestamp_ms`),
 * ids are random strings with a readable prefix (`usr_`, `ses_`, ...) so they cannot be guessed
 * or enumerated. Migrations are generated from this file by drizzle-kit (`npm run db:generate`).
 */

const createdAt = () => integer('created_at', { mode: 'timestamp_ms' }).notNull();

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Stored lower-cased: addresses are compared case-insensitively. */
  email: text('email').notNull().unique('users_email_unique'),
  /** `scrypt$N$r$p$salt$hash` (see auth/password.ts); never the password. */
  passwordHash: text('password_hash').notNull(),
  createdAt: createdAt(),
  passwordChangedAt: integer('password_changed_at', { mode: 'timestamp_ms' }).notNull(),
  /** Privacy setting: store tracking events with the client address truncated (/24 for IPv4, /48 for IPv6). */
  truncateIpAddresses: integer('truncate_ip_addresses', { mode: 'boolean' }).notNull().default(false),
  /** Retention (privacy/retention/): tracking events older than this many days are deleted by the daily job. */
  trackingEventsDays: integer('tracking_events_days').notNull().default(395),
  /** Retention: kept events lose their IP address after this many days. */
  ipAddressDays: integer('ip_address_days').notNull().default(30),
  /** Retention: recipients of campaigns finished more than this many days ago are deleted; null: kept (the default). */
  finishedCampaignRecipientsDays: integer('finished_campaign_recipients_days'),
  /** The sender's postal address, shown in every campaign's footer (CAN-SPAM); null: not set. */
  postalAddress: text('postal_address'),
});

/** A signed-in browser. The cookie's JWT names a row here, so deleting the row signs it out at once. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_by_user').on(table.userId)],
);

/** Bearer tokens for the extension and scripts; only a SHA-256 of the secret is kept. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique('api_tokens_hash_unique'),
    preview: text('preview').notNull(),
    createdAt: createdAt(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('api_tokens_by_user').on(table.userId)],
);

/**
 * Password attempt counters (auth/attempt-throttle.ts), keyed `email:…` and `address:…` for
 * sign-ins and `step-up:<user id>` for password checks of signed-in users. `failures` counts the
 * attempts reserved in the window (failed ones, and ones still being checked). In the database
 * rather than in memory so that every instance (and every Worker isolate) sees the same count.
 */
export const loginFailures = sqliteTable('login_failures', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: integer('window_started_at', { mode: 'timestamp_ms' }).notNull(),
  blockedUntil: integer('blocked_until', { mode: 'timestamp_ms' }),
});


/**
 * A connected Gmail mailbox. Tokens are sealed with `crypto/token-cipher.ts` (AES-256-GCM, bound to
 * this row's id and column); the database never holds them in clear.
 */
export const gmailAccounts = sqliteTable(
  'gmail_accounts',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    /** Which of Google's daily limits applies (limits/account-types.ts); set from the address at connect, the user may change it. */
    type: text('type', { enum: ['consumer', 'workspace', 'workspace_trial'] }).notNull().default('workspace'),
    status: text('status', { enum: ['ok', 'needs_reconnect'] }).notNull(),
    statusReason: text('status_reason'),
    /** When Google last granted the refresh token (connect or reconnect): a refusal about 7 days later means a Testing-status OAuth client. */
    tokensGrantedAt: integer('tokens_granted_at', { mode: 'timestamp_ms' }),
    /** The DKIM selector the domain's admin chose in Google's Admin console; null: Google's default, `google`. */
    dkimSelector: text('dkim_selector'),
    /** Space-separated, as Google answers them. */
    scopes: text('scopes').notNull(),
    refreshTokenSealed: text('refresh_token_sealed').notNull(),
    accessTokenSealed: text('access_token_sealed'),
    accessTokenExpiresAt: integer('access_token_expires_at', { mode: 'timestamp_ms' }),
    dailyLimit: integer('daily_limit').notNull(),
    minGapSeconds: integer('min_gap_seconds').notNull(),
    maxGapSeconds: integer('max_gap_seconds').notNull(),
    timezone: text('timezone').notNull(),
    fromName: text('from_name').notNull(),
    signatureHtml: text('signature_html').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    /** Pacing: the earliest the next message may leave (last send + a random gap). Claimed with a conditional update. */
    nextSendAt: integer('next_send_at', { mode: 'timestamp_ms' }),
    /** After Gmail answers 429, nothing is sent from the account until then. */
    cooldownUntil: integer('cooldown_until', { mode: 'timestamp_ms' }),
    /** Replies and bounces: the Gmail history id read up to (gmail.readonly accounts only). */
    historyId: text('history_id'),
    /** When the mailbox was last read for replies and bounces (at most once a minute per account). */
    repliesCheckedAt: integer('replies_checked_at', { mode: 'timestamp_ms' }),
    /**
     * Warm-up ramp for a new account (limits/warmup.ts holds the rule): {startPerDay, increasePerDay,
     * targetPerDay} as JSON; null: off, the daily limit applies as set.
     */
    warmup: text('warmup', { mode: 'json' }).$type<{ startPerDay: number; increasePerDay: number; targetPerDay: number }>(),
    /** When the warm-up was switched on: day 0 of the ramp. */
    warmupStartedAt: integer('warmup_started_at', { mode: 'timestamp_ms' }),
  },
  (table) => [uniqueIndex('gmail_accounts_one_per_user_and_address').on(table.userId, table.email)],
);

/**
 * One row per OAuth consent in progress: the PKCE verifier stays here (never in the browser), and
 * `used_at` makes each `state` single-use through a conditional update.
 */
export const oauthStates = sqliteTable(
  'oauth_states',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeVerifier: text('code_verifier').notNull(),
    scopes: text('scopes').notNull(),
    timezone: text('timezone'),
    createdAt: createdAt(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    usedAt: integer('used_at', { mode: 'timestamp_ms' }),
  },
  (table) => [index('oauth_states_by_expiry').on(table.expiresAt)],
);

/**
 * A campaign. Nested settings are JSON columns: they are read and written whole with the campaign,
 * never queried by their parts. `version` grows on every change (optimistic concurrency for the
 * extension's offline edits).
 */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text'),
    accountIds: text('account_ids', { mode: 'json' }).$type<string[]>().notNull(),
    schedule: text('schedule', { mode: 'json' }).$type<Schedule>().notNull(),
    throttle: text('throttle', { mode: 'json' }).$type<Throttle>().notNull(),
    trackOpens: integer('track_opens', { mode: 'boolean' }).notNull(),
    trackClicks: integer('track_clicks', { mode: 'boolean' }).notNull(),
    unsubscribe: integer('unsubscribe', { mode: 'boolean' }).notNull(),
    followUps: text('follow_ups', { mode: 'json' }).$type<StoredFollowUp[]>().notNull(),
    status: text('status', { enum: ['draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] }).notNull(),
    statusReason: text('status_reason'),
    /** Merge fields seen in imports, headers as the user wrote them, in first-seen order. */
    fields: text('fields', { mode: 'json' }).$type<string[]>().notNull(),
    version: integer('version').notNull(),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    launchedAt: integer('launched_at', { mode: 'timestamp_ms' }),
    /** When a message of this campaign last left: accounts serve the campaign that waited longest (fairness). */
    lastSentAt: integer('last_sent_at', { mode: 'timestamp_ms' }),
    /**
     * Whether the schedule's zone was set on purpose (given at creation, or changed by an edit).
     * Until then it follows the campaign's first sending account (campaign-defaults.ts).
     */
    timezoneChosen: integer('timezone_chosen', { mode: 'boolean' }).notNull().default(false),
    /**
     * Consent-aware tracking: the recipient field (an imported column) whose yes-value allows the
     * pixel and tracked links (shared/lib/tracking-consent.ts); null: no consent field.
     */
    trackingConsentField: text('tracking_consent_field'),
    /** When the retention job deleted this finished campaign's recipients; null: they are kept. */
    recipientsDeletedAt: integer('recipients_deleted_at', { mode: 'timestamp_ms' }),
    /** Per-recipient files: the recipient field naming one of the campaign's attachments by file name; null: none. */
    attachmentField: text('attachment_field'),
    /** A/B variants of the first message ([] or 2–5); variant 0 is always `subject` and `html` (shared/schemas/variants.ts). */
    variants: text('variants', { mode: 'json' }).$type<Variant[]>().notNull().default([]),
    /** Pick a winner after a test share; null: split everyone. */
    abTest: text('ab_test', { mode: 'json' }).$type<AbTest>(),
    /** Written once, by the scheduler that picks the winner (WHERE ab_decision IS NULL). */
    abDecision: text('ab_decision', { mode: 'json' }).$type<AbDecision>(),
  },
  (table) => [
    index('campaigns_by_user').on(table.userId, table.createdAt),
    index('campaigns_by_status').on(table.status),
  ],
);

/**
 * A campaign's recipients. Integer ids: 100,000 rows per import, and every send job and event
 * refers to one. `email_key` is the lower-cased address that duplicates and suppressions compare.
 */
export const recipients = sqliteTable(
  'recipients',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    fields: text('fields', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    status: text('status', { enum: ['pending', 'sent', 'replied', 'bounced', 'unsubscribed', 'failed', 'skipped'] }).notNull(),
    statusReason: text('status_reason'),
    lastEventAt: integer('last_event_at', { mode: 'timestamp_ms' }),
    /** The import that wrote it (recipient_imports); null: added another way, or before imports were recorded. */
    importId: text('import_id'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('recipients_one_per_address').on(table.campaignId, table.emailKey),
    // Cursor pagination by state: WHERE campaign_id = ? AND status = ? AND id > ? ORDER BY id.
    index('recipients_by_campaign_status').on(table.campaignId, table.status, table.id),
    // The whole list in id order, and a jump to row N: WHERE campaign_id = ? ORDER BY id [LIMIT 1 OFFSET N]
    // read in order from this index instead of sorting the campaign's rows (bench/recipient-page.ts).
    index('recipients_by_campaign').on(table.campaignId, table.id),
    // Unsubscribe and bounce act on an address across all of a user's campaigns.
    index('recipients_by_user_address').on(table.userId, table.emailKey),
  ],
);

/** Addresses never to send to again, per user: unsubscribes, bounces, complaints, manual entries. */
export const suppressions = sqliteTable(
  'suppressions',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    emailKey: text('email_key').notNull(),
    email: text('email').notNull(),
    reason: text('reason', { enum: ['unsubscribed', 'bounced', 'complained', 'manual'] }).notNull(),
    sourceCampaignId: text('source_campaign_id'),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.emailKey], name: 'suppressions_pk' })],
);

/**
 * One message to one recipient: step 0 is the campaign's first message, step n its n-th follow-up.
 * Created at launch (step 0) and when the previous step is sent (follow-ups). The unique
 * (recipient, step) pair is what makes "never twice" a database rule rather than a hope.
 */
export const sendJobs = sqliteTable(
  'send_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => recipients.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    step: integer('step').notNull(),
    /** Chosen at launch by room; a recipient's follow-ups keep the account of their first message. */
    accountId: text('account_id'),
    status: text('status', {
      enum: ['queued', 'sending', 'sent', 'failed', 'cancelled', 'skipped', 'uncertain'],
    }).notNull(),
    statusReason: text('status_reason'),
    dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    /**
     * Set when an attempt may have reached Gmail without us recording it (a crash, a timeout, a 5xx):
     * before any new attempt the mailbox is searched for our Message-ID.
     */
    verifyBeforeSend: integer('verify_before_send', { mode: 'boolean' }).notNull().default(false),
    /** Who holds the job while sending and until when (a crashed sender's claim expires). */
    claimedBy: text('claimed_by'),
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    /** Our Message-ID, fixed per job before the first attempt: how a resend finds an earlier delivery. */
    messageId: text('message_id').notNull(),
    gmailMessageId: text('gmail_message_id'),
    gmailThreadId: text('gmail_thread_id'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /**
     * Whether this message carries the pixel and tracked links (the operator's TRACKING, the
     * campaign's consent field, the person's opt-out). Opens and clicks of an untracked job are
     * never recorded; an opt-out turns it off on the person's earlier jobs too.
     */
    tracked: integer('tracked', { mode: 'boolean' }).notNull().default(true),
    /**
     * The A/B variant this job sends (0 = A); null: its step has no variants, or (step 0 of an A/B
     * test) the recipient waits for the winner, due at AB_HELD_DUE_AT until then (backend/src/variants/).
     */
    variant: integer('variant'),
    /** The recipient's place in the campaign's launch order (0, 1, 2…): the even split of every step is read from it. */
    splitKey: integer('split_key'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('send_jobs_one_per_recipient_step').on(table.recipientId, table.step),
    // The scheduler's claim: next due queued job of a campaign.
    index('send_jobs_due').on(table.status, table.campaignId, table.dueAt),
    // Rolling 24-hour counts per account.
    index('send_jobs_sent_by_account').on(table.accountId, table.sentAt),
    // Exports and launch read a campaign's jobs in id order, a page at a time.
    index('send_jobs_by_campaign').on(table.campaignId, table.id),
    // A campaign's daily cap: its sends of the last 24 hours, not every message it ever sent (limits/daily-limits.ts).
    index('send_jobs_sent_by_campaign').on(table.campaignId, table.sentAt),
  ],
);

/**
 * Every message that left through an account (campaign jobs and test sends): the rolling 24-hour
 * count of an account is read from here, as Gmail counts it.
 */
export const accountSends = sqliteTable(
  'account_sends',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: text('account_id')
      .notNull()
      .references(() => gmailAccounts.id, { onDelete: 'cascade' }),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }).notNull(),
    jobId: integer('job_id'),
  },
  (table) => [index('account_sends_by_account_time').on(table.accountId, table.sentAt)],
);

/**
 * What happened after a message left: opens and clicks (with `machine` telling proxies and scanners
 * from people), replies, auto-replies, bounces and unsubscribes. IP and user agent are kept because
 * the privacy policy says so; a per-user setting truncates the IP before it is stored.
 */
export const trackingEvents = sqliteTable(
  'tracking_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    recipientId: integer('recipient_id').notNull(),
    jobId: integer('job_id'),
    step: integer('step'),
    kind: text('kind', { enum: ['open', 'click', 'reply', 'auto_reply', 'bounce', 'soft_bounce', 'unsubscribe'] }).notNull(),
    linkIndex: integer('link_index'),
    url: text('url'),
    machine: integer('machine', { mode: 'boolean' }).notNull().default(false),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [
    // Stats and follow-up conditions: did this recipient open/click (as a person) in this campaign?
    // Covers COUNT(DISTINCT recipient_id) per kind and per human/machine without touching the table.
    index('tracking_events_by_campaign_kind_recipient').on(table.campaignId, table.kind, table.machine, table.step, table.recipientId),
    // The timeline groups a campaign's events by time, kind and human/machine: covered, read in order.
    index('tracking_events_by_campaign_time').on(table.campaignId, table.occurredAt, table.kind, table.machine),
  ],
);

/**
 * The original URL of each rewritten link, per sent job: a click redirects only to what is stored
 * here, never to anything the request says (no open redirect).
 */
export const jobLinks = sqliteTable(
  'job_links',
  {
    jobId: integer('job_id')
      .notNull()
      .references(() => sendJobs.id, { onDelete: 'cascade' }),
    linkIndex: integer('link_index').notNull(),
    url: text('url').notNull(),
  },
  (table) => [primaryKey({ columns: [table.jobId, table.linkIndex], name: 'job_links_pk' })],
);

/**
 * The change feed the extension syncs from (GET /api/sync): one row per campaign, the latest
 * change only, with a new `seq` each time it changes. `seq` never goes back (AUTOINCREMENT never
 * reuses a number), so "everything after my cursor" misses nothing, deletions included.
 * Written by triggers on `campaigns` (migration 0003), so no code path that changes a campaign
 * can forget it; `user_id` has no foreign key because a deletion's row outlives the campaign.
 */
export const syncChanges = sqliteTable(
  'sync_changes',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull(),
    entity: text('entity', { enum: ['campaign'] }).notNull(),
    entityId: text('entity_id').notNull(),
    deleted: integer('deleted', { mode: 'boolean' }).notNull(),
    changedAt: integer('changed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('sync_changes_by_user').on(table.userId, table.seq), uniqueIndex('sync_changes_one_per_entity').on(table.entity, table.entityId)],
);


/**
 * Addresses that asked not to be tracked by this user ("Stop tracking my opens and clicks" on the
 * unsubscribe page). Only a keyed hash of the address (lib/address-hash.ts): an erasure leaves
 * nothing readable here.
 */
export const trackingOptOuts = sqliteTable(
  'tracking_opt_outs',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addressHash: text('address_hash').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.addressHash], name: 'tracking_opt_outs_pk' })],
);

/**
 * People erased at their request (POST /api/people/erase): a keyed hash of the address, so that a
 * later import counts it as suppressed without the address being stored anywhere.
 */
export const erasedAddresses = sqliteTable(
  'erased_addresses',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    addressHash: text('address_hash').notNull(),
    erasedAt: integer('erased_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.addressHash], name: 'erased_addresses_pk' })],
);

/**
 * What was done and by whom, append-only (audit/record-audit.ts). Never a secret or a message
 * body; a person's address only as its keyed hash. Deleted with the user.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    occurredAt: integer('occurred_at', { mode: 'timestamp_ms' }).notNull(),
    /** 'dashboard' (a signed-in browser), 'token' (an API token: `tokenId`), 'system' (the scheduler, retention). */
    actor: text('actor', { enum: ['dashboard', 'token', 'system', 'anonymous'] }).notNull(),
    tokenId: text('token_id'),
    action: text('action').notNull(),
    /** What it acted on: a campaign, token or account id, a person's address hash. */
    subject: text('subject'),
    /** Small facts about the action (counts, names of changed settings); JSON, never secrets. */
    detail: text('detail', { mode: 'json' }).$type<Record<string, string | number | boolean | null>>(),
    /** The client address of the request (sign-in failures), truncated like tracking IPs when the user asks. */
    ipAddress: text('ip_address'),
  },
  (table) => [index('audit_log_by_user').on(table.userId, table.id)],
);

/**
 * Once-a-day work (the retention job): when it last ran, and who holds it now. A conditional claim
 * with a lease, as for send jobs, so two schedulers (or a Worker cron beside a Node timer) never
 * run it twice.
 */
export const dailyJobs = sqliteTable('daily_jobs', {
  name: text('name').primaryKey(),
  lastRunAt: integer('last_run_at', { mode: 'timestamp_ms' }),
  claimedBy: text('claimed_by'),
  leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
});

/**
 * Each running scheduler (a Node process, a Workers cron run) and when it last showed it is alive
 * (sending/heartbeat.ts). A new scheduler may take over the leases of one whose heartbeat is old,
 * instead of waiting for each lease to run out; one that stops cleanly deletes its row.
 */
export const schedulerInstances = sqliteTable('scheduler_instances', {
  id: text('id').primaryKey(),
  startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
  heartbeatAt: integer('heartbeat_at', { mode: 'timestamp_ms' }).notNull(),
});

/*
 * Analytics counters (issue 17): kept by triggers (migration 0010) in the same transaction as the
 * rows they count, so stats, the timeline and the overview read a few rows whatever the number of
 * events. Events are only ever added to them: retention deletes old events and the figures stay (the
 * privacy policy says so). Recipients and sent messages are counted as they are now: a recipient
 * deleted by retention leaves the counts. Deleting a campaign deletes its counters.
 * backend/src/analytics/counters.test.ts recomputes every one from the raw rows.
 */
const campaignRef = () =>
  text('campaign_id')
    .notNull()
    .references(() => campaigns.id, { onDelete: 'cascade' });

/** Recipients of a campaign by status. */
export const analyticsRecipients = sqliteTable(
  'analytics_recipients',
  { campaignId: campaignRef(), status: text('status').notNull(), recipients: integer('recipients').notNull() },
  (table) => [primaryKey({ columns: [table.campaignId, table.status], name: 'analytics_recipients_pk' })],
);

/** Sent messages per step (`tracked`: of them, those carrying the pixel and tracked links). */
export const analyticsSteps = sqliteTable(
  'analytics_steps',
  { campaignId: campaignRef(), step: integer('step').notNull(), sent: integer('sent').notNull(), tracked: integer('tracked').notNull() },
  (table) => [primaryKey({ columns: [table.campaignId, table.step], name: 'analytics_steps_pk' })],
);

/** Sent messages per sending account (every step); replied and bounced: recipients of its first messages. */
export const analyticsAccounts = sqliteTable(
  'analytics_accounts',
  {
    campaignId: campaignRef(),
    accountId: text('account_id').notNull(),
    sent: integer('sent').notNull(),
    replied: integer('replied').notNull(),
    bounced: integer('bounced').notNull(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.accountId], name: 'analytics_accounts_pk' })],
);

/**
 * Events per kind, by `who` (`person`, `machine` or `any`) and step (-1: every step; a step of its own for people only): how many, and
 * how many distinct recipients had one (grown by analytics_event_firsts).
 */
export const analyticsEvents = sqliteTable(
  'analytics_events',
  {
    campaignId: campaignRef(),
    kind: text('kind').notNull(),
    who: text('who', { enum: ['person', 'machine', 'any'] }).notNull(),
    step: integer('step').notNull(),
    events: integer('events').notNull(),
    recipients: integer('recipients').notNull(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.kind, table.who, table.step], name: 'analytics_events_pk' })],
);

/** A recipient's first event of each analytics_events row: exact distinct counts, one insert that may be ignored. */
export const analyticsEventFirsts = sqliteTable(
  'analytics_event_firsts',
  {
    campaignId: campaignRef(),
    recipientId: integer('recipient_id').notNull(),
    kind: text('kind').notNull(),
    who: text('who').notNull(),
    step: integer('step').notNull(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.recipientId, table.kind, table.who, table.step], name: 'analytics_event_firsts_pk' })],
);

/**
 * Clicks per link of a step: by the template link's index, or (-1) for a click recorded without
 * one, by the URL it went to. `firstJobId` (indexed links): the lowest job clicked, to find a link's URL when the
 * template no longer has it.
 */
export const analyticsLinks = sqliteTable(
  'analytics_links',
  {
    campaignId: campaignRef(),
    step: integer('step').notNull(),
    linkIndex: integer('link_index').notNull(),
    url: text('url').notNull(),
    clicks: integer('clicks').notNull(),
    uniqueHuman: integer('unique_human').notNull(),
    firstJobId: integer('first_job_id'),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.step, table.linkIndex, table.url], name: 'analytics_links_pk' })],
);

/** A recipient's first click as a person on each analytics_links row. */
export const analyticsLinkFirsts = sqliteTable(
  'analytics_link_firsts',
  {
    campaignId: campaignRef(),
    recipientId: integer('recipient_id').notNull(),
    step: integer('step').notNull(),
    linkIndex: integer('link_index').notNull(),
    url: text('url').notNull(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.recipientId, table.step, table.linkIndex, table.url], name: 'analytics_link_firsts_pk' })],
);

/** The timeline's counts per UTC quarter hour (`quarter`: ms since the epoch / 900,000). */
export const analyticsQuarters = sqliteTable(
  'analytics_quarters',
  {
    campaignId: campaignRef(),
    quarter: integer('quarter').notNull(),
    sent: integer('sent').notNull(),
    humanOpens: integer('human_opens').notNull(),
    machineOpens: integer('machine_opens').notNull(),
    humanClicks: integer('human_clicks').notNull(),
    machineClicks: integer('machine_clicks').notNull(),
    replies: integer('replies').notNull(),
    bounces: integer('bounces').notNull(),
    unsubscribes: integer('unsubscribes').notNull(),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.quarter], name: 'analytics_quarters_pk' })],
);

/**
 * Files sent with a campaign's messages (all recipients, or one recipient through the campaign's
 * attachment field). The bytes live in the database on both runtimes; deleted with the campaign.
 */
export const campaignAttachments = sqliteTable(
  'campaign_attachments',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    /** Hex SHA-256 of the bytes: shown in the data export instead of the file. */
    sha256: text('sha256').notNull(),
    /** Whether every recipient gets it (true) or only those whose attachment field names it (false). */
    shared: integer('shared', { mode: 'boolean' }).notNull().default(true),
    data: blob('data', { mode: 'buffer' }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('campaign_attachments_one_name').on(table.campaignId, table.filename)],
);

/**
 * Per A/B variant of each step (issue 18), kept by triggers (migration 0012) like the counters above:
 * messages sent (and tracked), and the recipients whose first person event of each kind answered that
 * step (analytics_event_firsts, step >= 0) while their job of the step had this variant.
 * `lastSentAt`: when a message of the variant last left (the A/B test's wait starts from the latest).
 */
export const analyticsVariants = sqliteTable(
  'analytics_variants',
  {
    campaignId: campaignRef(),
    step: integer('step').notNull(),
    variant: integer('variant').notNull(),
    sent: integer('sent').notNull(),
    tracked: integer('tracked').notNull(),
    replied: integer('replied').notNull(),
    humanOpens: integer('human_opens').notNull(),
    humanClicks: integer('human_clicks').notNull(),
    bounced: integer('bounced').notNull(),
    unsubscribed: integer('unsubscribed').notNull(),
    lastSentAt: integer('last_sent_at', { mode: 'timestamp_ms' }),
  },
  (table) => [primaryKey({ columns: [table.campaignId, table.step, table.variant], name: 'analytics_variants_pk' })],
);

/**
 * A CSV import under way or finished. An import writes its rows in batches (issue 17): a process
 * killed between two batches leaves an import `running` whose `touchedAt` stops moving; such an
 * import is taken back whole (its rows deleted), never left half written (backend/src/recipients/).
 */
export const recipientImports = sqliteTable(
  'recipient_imports',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    status: text('status', { enum: ['running', 'done', 'abandoned'] }).notNull(),
    /** Rows written so far. */
    rows: integer('rows').notNull().default(0),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }).notNull(),
    /** Moved by every batch: an import untouched for long is a dead one. */
    touchedAt: integer('touched_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (table) => [index('recipient_imports_by_status').on(table.status, table.touchedAt)],
);

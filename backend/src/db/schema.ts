import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

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
 * Failed sign-in counters, per email and per client address, in the database rather than in memory
 * so that every instance (and every Worker isolate) sees the same count.
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
    status: text('status', { enum: ['ok', 'needs_reconnect'] }).notNull(),
    statusReason: text('status_reason'),
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

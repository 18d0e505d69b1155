import * as z from 'zod';
import { IMPORT_LIMITS } from '../../../shared/recipients-csv/import-limits';
import { DEFAULT_QUOTA_UNITS_PER_USER_MINUTE } from '../limits/quota-budget';
import { decodeBase64 } from '../lib/base64';

/** 32 random bytes, base64 (standard or url-safe), as `openssl rand -base64 32` prints. */
const secretKeySchema = z
  .string()
  .trim()
  .refine((value) => decodeBase64(value)?.length === 32, {
    message: 'must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)',
  });

const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: positiveInt.max(65535).default(8787),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  DATABASE_URL: z.string().min(1).default('file:./data/iconnect.db'),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  ENCRYPTION_KEY: secretKeySchema.optional(),
  /** Comma-separated earlier ENCRYPTION_KEYs, kept while `npm run rotate-key` re-encrypts under the new one. */
  ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(secretKeySchema)),
  AUTH_SECRET: secretKeySchema.optional(),
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  SCHEDULER_INTERVAL_MS: positiveInt.default(5000),
  /** Use a Gmail sandbox running elsewhere (its own process) instead of mounting one; for tests and demos. */
  GMAIL_SANDBOX_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** 0 turns the scheduler off in this process (e.g. a web-only instance beside a scheduler instance). */
  SCHEDULER_ENABLED: z.enum(['true', 'false', '1', '0']).default('true').transform((v) => v === 'true' || v === '1'),
  /** How long a claimed message stays ours before another scheduler may recover it. */
  SEND_LEASE_MS: positiveInt.default(120_000),
  /**
   * Gmail API quota units per user a minute of the operator's Cloud project: 6,000 if made since
   * 2026-05-01, 15,000 before. Google's smallest is in the thousands: a smaller figure is a typo.
   */
  GMAIL_QUOTA_UNITS_PER_USER_MINUTE: positiveInt.min(1_000).default(DEFAULT_QUOTA_UNITS_PER_USER_MINUTE),
  /**
   * How often each sending mailbox is read for replies and bounces (`history.list`, 2 quota units, plus
   * 20 per new message). A minute by default; tests and demos shorten it to see a reply at once.
   */
  REPLY_POLL_SECONDS: positiveInt.max(3600).default(60),
  /** CSV imports: the largest file (bytes) and the most rows one import may hold; the panel checks the same defaults. */
  IMPORT_MAX_BYTES: positiveInt.default(IMPORT_LIMITS.maxBytes),
  IMPORT_MAX_ROWS: positiveInt.default(IMPORT_LIMITS.maxRows),
  SESSION_TTL_HOURS: positiveInt.max(24 * 90).default(24 * 14),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (login throttling, tracking). */
  TRUST_PROXY: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  OPERATOR_NAME: z.string().min(1).optional(),
  OPERATOR_CONTACT: z.string().min(1).optional(),
  /** Comma-separated DNS servers (`127.0.0.1:5353`, `[::1]:53`) for sender-authentication and list checks; empty: the system's. */
  DNS_SERVERS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)),
  /** DNS over HTTPS (RFC 8484), e.g. https://cloudflare-dns.com/dns-query: how a Worker looks names up. */
  DNS_OVER_HTTPS_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  /**
   * Open and click tracking on this server: `on` as each campaign says, `consent` only recipients
   * whose campaign consent field says yes (shared/lib/tracking-consent.ts), `off` never a pixel or a
   * rewritten link.
   */
  TRACKING: z.enum(['on', 'consent', 'off']).default('on'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  /** Origin and path prefix of every link we hand out (tracking, OAuth redirects, the dashboard). */
  publicUrl: string;
  publicOrigin: string;
  databaseUrl: string;
  databaseAuthToken: string | undefined;
  encryptionKey: Uint8Array<ArrayBuffer>;
  previousEncryptionKeys: Uint8Array<ArrayBuffer>[];
  authSecret: Uint8Array<ArrayBuffer>;
  google: { clientId: string; clientSecret: string } | null;
  schedulerIntervalMs: number;
  schedulerEnabled: boolean;
  sendLeaseMs: number;
  /** How often a mailbox is read for replies and bounces (REPLY_POLL_SECONDS). */
  replyPollMs: number;
  /** The engine's per-account Gmail quota budget (limits/quota-budget.ts). */
  gmailQuotaUnitsPerUserMinute: number;
  gmailSandboxUrl: string | undefined;
  sessionTtlMs: number;
  importLimits: { maxBytes: number; maxRows: number };
  trustProxy: boolean;
  operator: { name: string | undefined; contact: string | undefined };
  /** DNS_SERVERS and DNS_OVER_HTTPS_URL (backend/src/dns/). */
  dns: { servers: string[]; overHttpsUrl: string | undefined };
  /** TRACKING: `on`, `consent` (every campaign consent-aware) or `off` (tracking/tracking-decision.ts). */
  tracking: 'on' | 'consent' | 'off';
  version: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Secrets that local use may generate once (see `config/local-secrets.ts`). */
export type GeneratedSecrets = { ENCRYPTION_KEY?: string; AUTH_SECRET?: string };

/**
 * Parses the environment once at start-up. Every problem is reported together, by variable name,
 * and never with the offending value (it may be a secret).
 *
 * @example parseConfig(process.env, { version: '0.1.0' })
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  options: { version: string },
): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const missing = (['ENCRYPTION_KEY', 'AUTH_SECRET'] as const).filter((name) => !e[name]);
  if (missing.length > 0) {
    throw new ConfigError(
      `Missing ${missing.join(' and ')}: set ${missing.length > 1 ? 'them' : 'it'} to 32 random bytes in base64 ` +
        '(openssl rand -base64 32).',
    );
  }
  if ((e.GOOGLE_CLIENT_ID === undefined) !== (e.GOOGLE_CLIENT_SECRET === undefined)) {
    throw new ConfigError('Set both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET, or neither (the Gmail sandbox).');
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    publicUrl,
    publicOrigin: new URL(publicUrl).origin,
    databaseUrl: e.DATABASE_URL,
    databaseAuthToken: e.DATABASE_AUTH_TOKEN,
    encryptionKey: decodeBase64(e.ENCRYPTION_KEY!)!,
    previousEncryptionKeys: e.ENCRYPTION_KEY_PREVIOUS.map((key) => decodeBase64(key)!),
    authSecret: decodeBase64(e.AUTH_SECRET!)!,
    google:
      e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET
        ? { clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET }
        : null,
    schedulerIntervalMs: e.SCHEDULER_INTERVAL_MS,
    schedulerEnabled: e.SCHEDULER_ENABLED,
    sendLeaseMs: e.SEND_LEASE_MS,
    replyPollMs: e.REPLY_POLL_SECONDS * 1000,
    gmailQuotaUnitsPerUserMinute: e.GMAIL_QUOTA_UNITS_PER_USER_MINUTE,
    gmailSandboxUrl: e.GMAIL_SANDBOX_URL?.replace(/\/+$/, ''),
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    importLimits: { maxBytes: e.IMPORT_MAX_BYTES, maxRows: e.IMPORT_MAX_ROWS },
    trustProxy: e.TRUST_PROXY,
    operator: { name: e.OPERATOR_NAME, contact: e.OPERATOR_CONTACT },
    dns: { servers: e.DNS_SERVERS, overHttpsUrl: e.DNS_OVER_HTTPS_URL },
    tracking: e.TRACKING,
    version: options.version,
  };
}

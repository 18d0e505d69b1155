import type { Client } from '@libsql/client';
import type { FaultRegistry } from './faults';
import type { MailboxStore } from './mailbox-store';
import type { ProjectSettingsStore } from './project-settings';
import type { QuotaLedger } from './quota-ledger';
import type { SendLog } from './send-log';
import type { SerialQueue } from './serial-queue';
import type { TokenStore } from './token-store';

export type SandboxClock = { now(): Date };

/** What every sandbox route needs; built once by `createGmailSandbox`. */
export type SandboxDeps = {
  db: Client;
  clock: SandboxClock;
  accessTokenTtlMs: number;
  /** Public URL prefix of the mount, without a trailing slash. */
  basePath: string;
  mailboxes: MailboxStore;
  tokens: TokenStore;
  faults: FaultRegistry;
  /** Units used over the last minute, per mailbox and project (quota-ledger.ts). */
  quota: QuotaLedger;
  project: ProjectSettingsStore;
  /** Serialises read-then-write sequences (see serial-queue.ts). */
  serial: SerialQueue;
  /** Which endpoint each send came through (send-log.ts). */
  sends: SendLog;
};

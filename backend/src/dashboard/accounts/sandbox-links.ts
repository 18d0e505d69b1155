/**
 * Where the built-in Gmail sandbox is mounted (`SANDBOX_PATH` of gmail-sandbox/mount-sandbox.ts, not
 * imported so the dashboard does not pull the sandbox into every bundle) and its
 * mailbox viewer, which shows what iConnect "sent" without a real Google account.
 */
export const SANDBOX_PATH = '/sandbox/google';

export const sandboxMailboxPath = (email: string) => `${SANDBOX_PATH}/mailboxes/${encodeURIComponent(email)}`;

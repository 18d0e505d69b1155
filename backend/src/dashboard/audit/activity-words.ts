import type { AuditEntry } from '../../../../shared/schemas/audit';
import { countOf } from '../lib/count-of';

/** Names of what an entry acted on that still exist: campaigns and Gmail accounts by id (subject-names.ts). */
export type SubjectNames = { campaigns: ReadonlyMap<string, string>; accounts: ReadonlyMap<string, string> };

const count = new Intl.NumberFormat('en');

/** A setting's or count's name as the pages call it; an unknown one is spelt out from its camelCase name. */
const DETAIL_WORDS: Record<string, string> = {
  type: 'account type',
  dailyLimit: 'daily limit',
  minGapSeconds: 'shortest gap',
  maxGapSeconds: 'longest gap',
  timezone: 'time zone',
  fromName: 'sender name',
  signatureHtml: 'signature',
  dkimSelector: 'DKIM selector',
  warmup: 'warm-up',
  truncateIpAddresses: 'shorten IP addresses',
  'retention.trackingEventsDays': 'days opens and clicks are kept',
  'retention.ipAddressDays': 'days IP addresses are kept',
  'retention.finishedCampaignRecipientsDays': 'days recipients of finished campaigns are kept',
  postalAddress: 'postal address',
  ipAddressesRemoved: 'IP addresses removed',
};
const spelt = (name: string) => DETAIL_WORDS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** A privacy setting's new value in words (settings-store.ts records names and values, a postal address only as set/cleared). */
const valueWords = (value: string | number | boolean | null) =>
  value === true ? 'on' : value === false ? 'off' : value === null ? 'off' : typeof value === 'number' ? count.format(value) : value;

const numberIn = (entry: AuditEntry, key: string): number | null => {
  const value = entry.detail?.[key];
  return typeof value === 'number' ? value : null;
};
const textIn = (entry: AuditEntry, key: string): string | null => {
  const value = entry.detail?.[key];
  return typeof value === 'string' ? value : null;
};

/** Who did it, as the reader knows them. */
export function whoDid(entry: AuditEntry): string {
  switch (entry.actor) {
    case 'dashboard':
      return 'You, signed in with a browser';
    case 'token': {
      // A revoked token's name survives in its own token.* entries.
      const name = entry.tokenName ?? (entry.action.startsWith('token.') && entry.subject === entry.tokenId ? textIn(entry, 'name') : null);
      return name === null ? 'An API token since revoked' : `API token “${name}”`;
    }
    case 'system':
      return 'iConnect itself';
    case 'anonymous':
      return entry.ipAddress ? `Someone not signed in, from ${entry.ipAddress}` : 'Someone not signed in';
  }
}

/** What was done, with the counts and setting names the entry kept. */
export function whatHappened(entry: AuditEntry): string {
  const settings = textIn(entry, 'settings');
  const settingNames = settings ? `: ${settings.split(', ').map(spelt).join(', ')}` : '';
  switch (entry.action) {
    case 'auth.sign_in':
      return 'Signed in';
    case 'auth.sign_in_failed':
      return 'Tried to sign in with a wrong password';
    case 'auth.sign_out':
      return 'Signed out';
    case 'auth.password_changed': {
      const revoked = numberIn(entry, 'tokensRevoked') ?? 0;
      return revoked > 0 ? `Changed the password and revoked ${countOf(revoked, 'API token', 'API tokens')}` : 'Changed the password';
    }
    case 'auth.email_changed':
      return 'Changed the account’s email address';
    case 'token.created':
      return 'Created an API token';
    case 'token.revoked':
      return 'Revoked an API token';
    case 'account.connected':
      return 'Connected a Gmail account';
    case 'account.reconnected':
      return 'Connected a Gmail account again';
    case 'account.disconnected':
      return entry.detail?.revokedAtGoogle === false
        ? 'Disconnected a Gmail account (Google could not be told: remove iConnect at myaccount.google.com/permissions)'
        : 'Disconnected a Gmail account';
    case 'account.settings_changed':
      return `Changed Gmail account settings${settingNames}`;
    case 'settings.changed': {
      const changes = Object.entries(entry.detail ?? {}).map(([name, value]) => `${spelt(name)}: ${valueWords(value)}`);
      return `Changed privacy settings${changes.length > 0 ? ` (${changes.join(', ')})` : ''}`;
    }
    case 'campaign.created':
      return textIn(entry, 'copyOf') ? 'Duplicated a campaign' : 'Created a campaign';
    case 'campaign.deleted':
      return 'Deleted a campaign';
    case 'campaign.launched':
      return 'Launched a campaign';
    case 'campaign.paused':
      return 'Paused a campaign';
    case 'campaign.resumed':
      return 'Resumed a campaign';
    case 'campaign.cancelled':
      return 'Cancelled a campaign';
    case 'campaign.message_resolved': {
      const outcome = textIn(entry, 'outcome');
      return outcome === 'was-sent' ? 'Marked a message found in Sent as sent' : outcome === 'send-again' ? 'Sent a message again after an uncertain attempt' : 'Skipped a message after an uncertain attempt';
    }
    case 'recipients.imported':
      return importWords(entry);
    case 'recipients.import_taken_back':
      return `An import stopped midway (server restart) and was taken back: ${countOf(numberIn(entry, 'rows') ?? 0, 'row', 'rows')}`;
    case 'data.exported':
      return textIn(entry, 'file') === 'recipients.csv' ? 'Downloaded a campaign’s recipients' : 'Exported all the account’s data';
    case 'person.viewed':
      return 'Looked up what is held about one person';
    case 'person.erased':
      return `Erased one person’s data${countsIn(entry)}`;
    case 'retention.applied':
      return `Deleted data older than the retention settings allow${countsIn(entry)}`;
    case 'user.deleted':
      return 'Deleted the account';
    default:
      return `${entry.action}${countsIn(entry)}`;
  }
}

function importWords(entry: AuditEntry): string {
  const imported = numberIn(entry, 'imported') ?? 0;
  const leftOut = [
    [numberIn(entry, 'duplicates') ?? 0, 'duplicate', 'duplicates'],
    [numberIn(entry, 'suppressed') ?? 0, 'suppressed address', 'suppressed addresses'],
    [numberIn(entry, 'invalid') ?? 0, 'invalid row', 'invalid rows'],
  ] as const;
  const skipped = leftOut.filter(([n]) => n > 0).map(([n, one, other]) => countOf(n, one, other));
  const source = textIn(entry, 'source') === 'csv' ? ' from a CSV file' : '';
  return `Imported ${countOf(imported, 'recipient', 'recipients')}${source}${skipped.length > 0 ? ` (left out: ${skipped.join(', ')})` : ''}`;
}

/** Numbers of an entry whose action has no words of its own (retention counts): "tracking events deleted: 3". */
function countsIn(entry: AuditEntry): string {
  const parts = Object.entries(entry.detail ?? {})
    .filter((pair): pair is [string, number] => typeof pair[1] === 'number')
    .map(([key, n]) => `${spelt(key)}: ${count.format(n)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** What it acted on, by its name while it exists, else by what the entry kept. */
export function onWhat(entry: AuditEntry, names: SubjectNames): string {
  const subject = entry.subject;
  if (subject === null) return '';
  const [kind] = entry.action.split('.');
  switch (kind) {
    case 'campaign':
    case 'recipients': {
      const name = names.campaigns.get(subject) ?? textIn(entry, 'name');
      return name === null ? 'A deleted campaign' : `Campaign “${name}”`;
    }
    case 'data':
      return names.campaigns.has(subject) ? `Campaign “${names.campaigns.get(subject)}”` : 'A deleted campaign';
    case 'token':
      return `API token “${textIn(entry, 'name') ?? 'unnamed'}”`;
    case 'account': {
      const email = names.accounts.get(subject);
      return email === undefined ? 'A Gmail account no longer connected' : `Gmail account ${email}`;
    }
    case 'person':
      // The subject is a keyed hash: the log never keeps the address itself.
      return 'One person (their address is not kept in this log)';
    default:
      return '';
  }
}

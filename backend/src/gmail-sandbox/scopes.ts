/**
 * OAuth scopes the sandbox understands, what the consent page says about each, and which
 * scopes each Gmail method accepts (from each method's "Authorization scopes" in the reference:
 * https://developers.google.com/gmail/api/reference/rest/v1/users.messages/send etc.).
 */

const G = 'https://www.googleapis.com/auth/';
export const SCOPES = {
  mailGoogleCom: 'https://mail.google.com/',
  modify: `${G}gmail.modify`,
  compose: `${G}gmail.compose`,
  send: `${G}gmail.send`,
  readonly: `${G}gmail.readonly`,
  metadata: `${G}gmail.metadata`,
  email: `${G}userinfo.email`,
  profile: `${G}userinfo.profile`,
  openid: 'openid',
} as const;

/** Google accepts the short forms and answers with the full URLs. */
const ALIASES: Record<string, string> = { email: SCOPES.email, profile: SCOPES.profile };

const DESCRIPTIONS: Record<string, string> = {
  [SCOPES.mailGoogleCom]: 'Read, compose, send, and permanently delete all your email from Gmail',
  [SCOPES.modify]: 'Read, compose, and send emails from your Gmail account',
  [SCOPES.compose]: 'Manage drafts and send emails',
  [SCOPES.send]: 'Send email on your behalf',
  [SCOPES.readonly]: 'View your email messages and settings',
  [SCOPES.metadata]: 'View your email message metadata such as labels and headers, but not the email body',
  [SCOPES.email]: 'See your primary email address',
  [SCOPES.profile]: 'See your personal info, including any personal info you have made publicly available',
  [SCOPES.openid]: 'Associate you with your personal info',
};

/** Normalised scopes, or the first unknown one. */
export function parseScopes(value: string): { scopes: string[] } | { unknown: string } {
  const scopes: string[] = [];
  for (const item of value.split(/\s+/).filter(Boolean)) {
    const scope = ALIASES[item] ?? item;
    if (!(scope in DESCRIPTIONS)) return { unknown: item };
    if (!scopes.includes(scope)) scopes.push(scope);
  }
  return { scopes };
}

export const describeScope = (scope: string) => DESCRIPTIONS[scope] ?? scope;

const READ = [SCOPES.mailGoogleCom, SCOPES.modify, SCOPES.readonly];
export type ScopedOperation = 'send' | 'list' | 'get' | 'threads' | 'history' | 'profile' | 'userinfo';

/** Which scopes allow an operation; `metadataOk` marks those gmail.metadata also allows. */
export const REQUIRED_SCOPES: Record<ScopedOperation, { anyOf: string[]; metadataOk: boolean }> = {
  send: { anyOf: [SCOPES.mailGoogleCom, SCOPES.modify, SCOPES.compose, SCOPES.send], metadataOk: false },
  list: { anyOf: READ, metadataOk: true },
  get: { anyOf: READ, metadataOk: true },
  threads: { anyOf: READ, metadataOk: true },
  history: { anyOf: READ, metadataOk: true },
  // getProfile is not allowed with gmail.send alone: use userinfo for the address.
  profile: { anyOf: [...READ, SCOPES.compose], metadataOk: true },
  userinfo: { anyOf: [SCOPES.email, SCOPES.openid], metadataOk: false },
};

export function allows(granted: string[], operation: ScopedOperation): 'full' | 'metadata' | false {
  const rule = REQUIRED_SCOPES[operation];
  if (rule.anyOf.some((scope) => granted.includes(scope))) return 'full';
  if (rule.metadataOk && granted.includes(SCOPES.metadata)) return 'metadata';
  return false;
}

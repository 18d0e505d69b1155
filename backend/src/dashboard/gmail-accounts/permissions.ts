import { GMAIL_SCOPES } from '../../../../shared/schemas/accounts';

/**
 * What each permission asked at Google is for, in the words the connect form uses. Google shows
 * its own wording on the consent screen; this says why iConnect needs each one.
 */
export const PERMISSIONS = {
  send: {
    title: 'Send email on your behalf',
    scope: 'gmail.send',
    purpose: 'to send your campaigns; iConnect cannot read or delete your mail with it.',
  },
  read: {
    title: 'Read your email',
    scope: 'gmail.readonly',
    purpose:
      'to notice replies and bounces in the threads your campaigns started, so follow-ups stop. Message contents stay on your server.',
  },
  address: {
    title: 'Your email address',
    scope: 'openid email',
    purpose: 'to know which mailbox was connected.',
  },
} as const;

type Permission = keyof typeof PERMISSIONS;

// Google answers `email` as the userinfo.email URL; both mean "the address".
const SCOPE_PERMISSION: Record<string, Permission> = {
  [GMAIL_SCOPES.send]: 'send',
  [GMAIL_SCOPES.readonly]: 'read',
  openid: 'address',
  email: 'address',
  'https://www.googleapis.com/auth/userinfo.email': 'address',
};

const ORDER: readonly Permission[] = ['send', 'read', 'address'];

/**
 * The granted scopes as short phrases, in a fixed order, each once. A scope we do not know is shown
 * as it is rather than hidden: the user should see everything that was granted.
 *
 * @example grantedPermissionWords(['openid', GMAIL_SCOPES.send]) // ['Send email on your behalf', 'Your email address']
 */
export function grantedPermissionWords(scopes: readonly string[]): string[] {
  const known = new Set<Permission>();
  const unknown: string[] = [];
  for (const scope of scopes) {
    const permission = SCOPE_PERMISSION[scope];
    if (permission) known.add(permission);
    else unknown.push(scope);
  }
  return [...ORDER.filter((p) => known.has(p)).map((p) => PERMISSIONS[p].title), ...unknown];
}

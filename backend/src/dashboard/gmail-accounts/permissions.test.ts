import { describe, expect, it } from 'vitest';
import { GMAIL_SCOPES } from '../../../../shared/schemas/accounts';
import { grantedPermissionWords } from './permissions';

describe('grantedPermissionWords', () => {
  it('names each permission once, in a fixed order, whichever way Google spells the address scope', () => {
    const scopes = ['https://www.googleapis.com/auth/userinfo.email', GMAIL_SCOPES.readonly, 'openid', GMAIL_SCOPES.send];
    expect(grantedPermissionWords(scopes)).toEqual(['Send email on your behalf', 'Read your email', 'Your email address']);
  });

  it('shows a scope it does not know as it is, rather than hiding it', () => {
    expect(grantedPermissionWords([GMAIL_SCOPES.send, 'https://mail.google.com/'])).toEqual([
      'Send email on your behalf',
      'https://mail.google.com/',
    ]);
  });
});

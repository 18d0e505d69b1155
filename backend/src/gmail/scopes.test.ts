import { describe, expect, it } from 'vitest';
import { GMAIL_SCOPES } from '../../../shared/schemas/accounts';
import { canReadMailbox } from './scopes';

describe('canReadMailbox', () => {
  it('reads a mailbox granted gmail.readonly, wherever it comes in the list', () => {
    expect(canReadMailbox({ scopes: `openid email ${GMAIL_SCOPES.send} ${GMAIL_SCOPES.readonly}` })).toBe(true);
    expect(canReadMailbox({ scopes: `${GMAIL_SCOPES.readonly}\n${GMAIL_SCOPES.send}` })).toBe(true);
  });

  it('does not read a send-only mailbox', () => {
    expect(canReadMailbox({ scopes: `openid email ${GMAIL_SCOPES.send}` })).toBe(false);
    expect(canReadMailbox({ scopes: '' })).toBe(false);
  });

  it('takes only the exact scope, not a longer one that starts like it', () => {
    expect(canReadMailbox({ scopes: `${GMAIL_SCOPES.readonly}.extra ${GMAIL_SCOPES.send}` })).toBe(false);
  });
});

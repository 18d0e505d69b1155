import { describe, expect, it } from 'vitest';
import { SKIP_REASONS, suppressedReason } from './skip-reasons';

describe('skip reasons', () => {
  it('say why a message was not sent in the words the user sees', () => {
    expect(SKIP_REASONS).toEqual({
      replied: 'The recipient replied',
      unsubscribed: 'The recipient unsubscribed',
      bounced: 'An earlier message bounced',
      addressBounced: 'An earlier message to this address bounced',
      removed: 'The recipient was removed',
      opened: 'The recipient opened an earlier message',
      clicked: 'The recipient clicked a link',
    });
    expect(suppressedReason('manual')).toBe('The address is on your suppression list (manual)');
  });
});

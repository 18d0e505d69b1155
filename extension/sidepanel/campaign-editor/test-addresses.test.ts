import { describe, expect, it } from 'vitest';
import { messageSchema } from '../../messages';
import { splitTestAddresses } from './test-addresses';

describe('splitTestAddresses', () => {
  it('splits on commas, semicolons and new lines, dropping blanks', () => {
    expect(splitTestAddresses(' pat@x.test, lee@x.test;\nkim@x.test ,, ')).toEqual(['pat@x.test', 'lee@x.test', 'kim@x.test']);
    expect(splitTestAddresses('  ')).toEqual([]);
  });

  it('fits the test-send message: up to five addresses, as the API takes them', () => {
    const message = { type: 'campaigns/test-send', id: 'cmp_1', accountId: 'acc_1', recipient: 'rcp_7' };
    expect(messageSchema.safeParse({ ...message, to: splitTestAddresses('a@x.test, b@x.test') }).success).toBe(true);
    expect(messageSchema.safeParse(message).success).toBe(true);
    expect(messageSchema.safeParse({ ...message, to: splitTestAddresses('a@x.t,b@x.t,c@x.t,d@x.t,e@x.t,f@x.t') }).success).toBe(false);
  });
});

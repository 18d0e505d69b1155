import { describe, expect, it } from 'vitest';
import { classifyIncoming } from './classify-incoming';

const sender = 'sender@gmail.com';

describe('classifyIncoming', () => {
  it('takes a plain answer from the recipient as a reply', () => {
    expect(classifyIncoming({ from: 'Ada <ada@example.com>', subject: 'Re: Hello' }, sender)).toBe('reply');
  });

  it.each([
    [{ from: 'ada@example.com', 'auto-submitted': 'auto-replied' }],
    [{ from: 'ada@example.com', 'x-autoreply': 'yes' }],
    [{ from: 'ada@example.com', precedence: 'auto_reply' }],
    [{ from: 'ada@example.com', subject: 'Automatic reply: Hello' }],
    [{ from: 'ada@example.com', subject: 'Out of Office: back Monday' }],
  ])('recognises an automatic reply: %j', (headers) => {
    expect(classifyIncoming(headers, sender)).toBe('auto_reply');
  });

  it('keeps Auto-Submitted: no a reply', () => {
    expect(classifyIncoming({ from: 'ada@example.com', 'auto-submitted': 'no' }, sender)).toBe('reply');
  });

  it.each([
    [{ from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>', subject: 'Delivery Status Notification (Failure)' }],
    [{ from: 'postmaster@example.com' }],
    [{ from: 'x@example.com', 'content-type': 'multipart/report; report-type=delivery-status; boundary="b"' }],
    [{ from: 'x@example.com', 'x-failed-recipients': 'ada@example.com' }],
  ])('recognises a bounce: %j', (headers) => {
    expect(classifyIncoming(headers, sender)).toBe('bounce');
  });

  it('ignores the sender\'s own messages', () => {
    expect(classifyIncoming({ from: 'Sender <SENDER@gmail.com>' }, sender)).toBe('ignore');
  });
});

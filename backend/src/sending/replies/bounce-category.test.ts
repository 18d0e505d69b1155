import { describe, expect, it } from 'vitest';
import { bounceCategory, readDeliveryStatus } from './bounce-category';

const dsn = (status: string, diagnostic: string, action = 'failed') =>
  `Reporting-MTA: dns; mx.example.com\r\n\r\nFinal-Recipient: rfc822; ada@example.com\r\nAction: ${action}\r\nStatus: ${status}\r\nDiagnostic-Code: smtp; ${diagnostic}\r\n`;

describe('bounceCategory', () => {
  it('takes RFC 3464 Status 5.x.x as hard and 4.x.x as soft, with the reason in words', () => {
    expect(bounceCategory(readDeliveryStatus(dsn('5.1.1', '550 5.1.1 user unknown')))).toEqual({
      category: 'hard',
      code: '5.1.1',
      diagnostic: 'The address does not exist (550 5.1.1)',
    });
    expect(bounceCategory(readDeliveryStatus(dsn('4.2.2', '452 4.2.2 mailbox full')))).toEqual({
      category: 'soft',
      code: '4.2.2',
      diagnostic: 'The mailbox is full (452 4.2.2)',
    });
  });

  it('reads the SMTP code of the diagnostic when there is no Status', () => {
    expect(bounceCategory({ diagnosticCode: 'smtp; 452 4.2.2 mailbox full' }).category).toBe('soft');
    expect(bounceCategory({ diagnosticCode: 'smtp; 450 greylisted, try again later' })).toMatchObject({
      category: 'soft',
      diagnostic: 'The receiving server asked to try again later (greylisting) (450)',
    });
    expect(bounceCategory({ diagnosticCode: 'smtp; 550 no such user' })).toMatchObject({ category: 'hard', diagnostic: 'The address does not exist (550)' });
  });

  it('reads a code from a notice without a delivery-status part', () => {
    const text = "Address not found\nThe response was:\n550 5.1.1 The email account that you tried to reach does not exist.";
    expect(bounceCategory({}, text)).toMatchObject({ category: 'hard', code: '5.1.1' });
  });

  it('takes a delay notice as soft and a notice with no code as hard', () => {
    expect(bounceCategory({ action: 'delayed' }).category).toBe('soft');
    expect(bounceCategory({}, 'Your message was not delivered.')).toEqual({
      category: 'hard',
      code: null,
      diagnostic: 'The receiving server refused the address (no reason given)',
    });
  });

  it('joins folded fields and keeps a long server text to one short line', () => {
    const status = readDeliveryStatus('Status: 4.4.7\r\nDiagnostic-Code: smtp;\r\n 421 too many\r\n connections');
    expect(status).toEqual({ status: '4.4.7', diagnosticCode: 'smtp; 421 too many connections' });
    expect(bounceCategory(status).diagnostic).toBe('Delivery took too long and the receiving server gave up (421 4.4.7)');
  });
});

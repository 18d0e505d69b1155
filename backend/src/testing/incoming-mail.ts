/**
 * Messages as they arrive in a sender's mailbox, as base64url RFC 5322 for the sandbox's control API
 * (`POST /mailboxes/:address/messages`): a plain answer (a reply or an out-of-office reply) and an
 * RFC 3464 delivery status notification (a bounce) with its message/delivery-status part.
 */

/** A text/plain message: a reply, or with `Auto-Submitted` an automatic one. */
export function plainMessage(headers: Record<string, string>, body = 'Thanks, sounds good!'): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return toBase64url([...lines, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));
}

/**
 * A bounce the way Gmail and most servers send one (RFC 3464 / RFC 6522): multipart/report with a
 * human-readable part and a message/delivery-status part. Leave `status` out to send only a
 * `Diagnostic-Code` (servers that give the SMTP answer alone).
 *
 * @example
 * deliveryStatusNotification({ to: 'sender@gmail.com', failed: 'ada@example.com', status: '4.2.2', diagnostic: 'smtp; 452 4.2.2 mailbox full', inReplyTo })
 */
export function deliveryStatusNotification(input: {
  to: string;
  failed: string;
  status?: string;
  diagnostic: string;
  action?: 'failed' | 'delayed';
  inReplyTo?: string;
  from?: string;
}): string {
  const boundary = 'dsn-boundary-0001';
  const recipientFields = [
    `Final-Recipient: rfc822; ${input.failed}`,
    `Action: ${input.action ?? 'failed'}`,
    ...(input.status ? [`Status: ${input.status}`] : []),
    'Remote-MTA: dns; mx.example.com',
    `Diagnostic-Code: ${input.diagnostic}`,
  ];
  return toBase64url(
    [
      `From: ${input.from ?? 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>'}`,
      `To: ${input.to}`,
      `Subject: Delivery Status Notification (${input.action === 'delayed' ? 'Delay' : 'Failure'})`,
      `X-Failed-Recipients: ${input.failed}`,
      ...(input.inReplyTo ? [`In-Reply-To: ${input.inReplyTo}`, `References: ${input.inReplyTo}`] : []),
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Your message to ${input.failed} could not be delivered.`,
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; googlemail.com',
      '',
      ...recipientFields,
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n'),
  );
}

function toBase64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

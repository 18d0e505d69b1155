import { describe, expect, it } from 'vitest';
import { progressSummary } from './final-summary';

const counts = { total: 300, pending: 170, sent: 110, replied: 8, bounced: 2, unsubscribed: 0, failed: 10 };

describe('the Launch tab after launch says what is true', () => {
  it('calls a cancelled campaign final, with what went out and what never will', () => {
    const summary = progressSummary({ status: 'cancelled', counts });
    expect(summary.title).toBe('Cancelled');
    expect(summary.lead).toBe('Sent to 120 of 300 recipients before it was cancelled; 170 will never be sent. Nothing about it can change now.');
    expect(summary.lead).not.toMatch(/can change(?! now)|can still/);
  });

  it('calls a finished campaign finished', () => {
    expect(progressSummary({ status: 'completed', counts: { ...counts, total: 1, sent: 1, replied: 0, bounced: 0, failed: 0, pending: 0 } }).lead).toBe(
      'Sent to 1 of 1 recipient. Nothing more will be sent, and nothing about it can change now.',
    );
  });

  it('does not call a finished campaign final while messages that may have gone out wait for an answer', () => {
    const jobs = { queued: 0, sending: 0, sent: 1, failed: 0, skipped: 0, uncertain: 2, cancelled: 0 };
    const progress = { jobs, steps: [], accounts: [], expectedFinishAt: null, lastErrors: [] };
    const summary = progressSummary({ status: 'completed', counts: { ...counts, total: 3, sent: 1, replied: 0, bounced: 0, failed: 0, pending: 2 }, progress });
    expect(summary.lead).toBe('Sent to 1 of 3 recipients. 2 messages may have gone out: check the Sent folder, then answer below.');
    expect(summary.lead).not.toMatch(/nothing about it can change/i);
  });

  it('shows progress while sending', () => {
    expect(progressSummary({ status: 'sending', counts })).toEqual({ title: 'Progress', lead: null });
  });
});

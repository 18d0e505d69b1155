import { describe, expect, it } from 'vitest';
import { SEND_AGAIN_CONFIRM, UNCERTAIN_ACTIONS, uncertainHeading } from './uncertain-actions';

describe('the answers to a message that may have gone out', () => {
  it('offers the three actions in plain words, each sending its own outcome', () => {
    expect(UNCERTAIN_ACTIONS.map((action) => [action.label, action.outcome])).toEqual([
      ['I found it in Sent', 'was-sent'],
      ['Send it again', 'send-again'],
      ['Skip', 'skip'],
    ]);
  });

  it('warns before sending again that it may arrive twice', () => {
    expect(SEND_AGAIN_CONFIRM).toMatch(/twice/);
  });

  it('counts them with plurals and says when only the first are listed', () => {
    expect(uncertainHeading(1, 1, { locale: 'en' })).toEqual({ title: '1 message may have gone out', more: null });
    expect(uncertainHeading(25, 20, { locale: 'en' })).toEqual({
      title: '25 messages may have gone out',
      more: 'Showing the first 20; the others appear here as you settle these.',
    });
  });
});

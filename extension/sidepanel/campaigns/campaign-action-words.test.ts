import { describe, expect, it } from 'vitest';
import { deleteWarning, duplicateResult } from './campaign-action-words';

const counts = { total: 300, pending: 180, sent: 110, replied: 8, bounced: 2, unsubscribed: 0, failed: 0 };

describe('deleting a campaign asks with the truth', () => {
  it('says a sending campaign is sending, how far it got, and that deleting stops it', () => {
    expect(deleteWarning({ name: 'Spring', status: 'sending', counts })).toEqual({
      title: 'Delete Spring?',
      body: 'Spring is sending: 120 of 300 sent. Deleting stops it and removes its recipients and stats.',
    });
  });

  it('asks a simpler question for a draft, with its recipients counted in words', () => {
    expect(deleteWarning({ name: 'Spring', status: 'draft', counts: { ...counts, total: 1 } }).body).toBe('This removes the draft and its 1 recipient.');
    expect(deleteWarning({ name: 'Spring', status: 'draft', counts: { ...counts, total: 0 } }).body).toBe('This removes the draft.');
  });

  it('says a finished campaign loses its recipients and stats for good', () => {
    expect(deleteWarning({ name: 'Spring', status: 'completed', counts: { ...counts, total: 50_000 } }).body).toMatch(/^This removes its 50,000 recipients and their stats/);
  });
});

describe('duplicate says whether recipients were copied', () => {
  it('names the count the copy has', () => {
    expect(duplicateResult('Spring', { counts: { ...counts, total: 300 } }, true)).toBe('Copied Spring with 300 recipients');
    expect(duplicateResult('Spring', { counts: { ...counts, total: 0 } }, false)).toBe('Copied Spring without recipients');
  });

  it('does not claim recipients when none could be copied', () => {
    expect(duplicateResult('Spring', { counts: { ...counts, total: 0 } }, true)).toBe('Copied Spring without recipients');
  });
});

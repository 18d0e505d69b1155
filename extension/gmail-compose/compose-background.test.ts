import { describe, expect, it, vi } from 'vitest';
import { composeBackground } from './compose-background';

describe('composeBackground', () => {
  it('sends only the typed message: the draft and the target', async () => {
    const send = vi.fn(async () => ({ ok: true, value: { campaign: { id: 'cmp_1', name: 'A' }, created: true, panel: 'opened' } }));
    const answer = await composeBackground(send).exportDraft({ subject: 'A', html: '<p>a</p>' }, { kind: 'new' });

    expect(send).toHaveBeenCalledWith({ type: 'compose/export', draft: { subject: 'A', html: '<p>a</p>' }, target: { kind: 'new' } });
    expect(answer).toEqual({ ok: true, value: { campaign: { id: 'cmp_1', name: 'A' }, created: true, panel: 'opened' } });
  });

  it('refuses an answer in another shape, such as one carrying a whole campaign', async () => {
    const send = vi.fn(async () => ({ ok: true, value: { campaigns: [{ id: 'cmp_1', name: 'A', html: '<p>secret</p>' }] } }));
    const answer = await composeBackground(send).campaigns();
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('asks for a reload when the extension was updated under the page', async () => {
    const send = vi.fn(async () => {
      throw new Error('Extension context invalidated.');
    });
    const answer = await composeBackground(send).campaigns();
    expect(answer).toEqual({ ok: false, error: { code: 'internal', message: expect.stringMatching(/Reload Gmail/) } });
  });
});

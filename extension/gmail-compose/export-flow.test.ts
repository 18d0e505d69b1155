import { describe, expect, it, vi } from 'vitest';
import type { ComposeDraft, ComposeExportResult, ComposeTarget } from '../messages/compose';
import { err, ok, type Result } from '../messages/result';
import { exportDraft } from './export-flow';
import { findComposeWindows } from './find-compose-windows';
import { composeWindowHtml, gmailPage } from './testing/gmail-markup';

function setup(markup: Parameters<typeof composeWindowHtml>[0], answer: Result<ComposeExportResult>) {
  const [compose] = findComposeWindows(gmailPage(composeWindowHtml(markup)).document);
  if (!compose) throw new Error('no compose window in the test markup');
  const background = { exportDraft: vi.fn(async (_draft: ComposeDraft, _target: ComposeTarget) => answer) };
  const toast = { show: vi.fn() };
  return { compose, background, toast };
}

const saved = (panel: 'opened' | 'closed'): Result<ComposeExportResult> =>
  ok({ campaign: { id: 'cmp_1', name: 'Spring offer' }, created: true, panel });

describe('exportDraft', () => {
  it('sends the draft in the same turn as the click, then says where it went', async () => {
    const { compose, background, toast } = setup({ subject: 'Spring offer', bodyHtml: '<div>Hi</div>' }, saved('opened'));

    const done = exportDraft(compose, { kind: 'new' }, { background, toast });
    // Not awaited yet: the message already left, while the click is still a user gesture.
    expect(background.exportDraft).toHaveBeenCalledWith({ subject: 'Spring offer', html: '<div>Hi</div>' }, { kind: 'new' });
    expect(toast.show).toHaveBeenLastCalledWith('progress', 'Creating the campaign…');
    await done;

    expect(toast.show).toHaveBeenLastCalledWith('success', 'Saved as a new campaign, “Spring offer”. It is open in the iConnect side panel.');
  });

  it('tells the user to click the icon when Chrome did not open the panel', async () => {
    const { compose, background, toast } = setup({ subject: 'Spring offer' }, saved('closed'));
    await exportDraft(compose, { kind: 'existing', campaignId: 'cmp_1' }, { background, toast });
    expect(toast.show).toHaveBeenLastCalledWith('success', expect.stringMatching(/Click the iConnect icon to open it\.$/));
  });

  it('asks to link iConnect first when the extension is not connected', async () => {
    const { compose, background, toast } = setup({ subject: 'Hi' }, err('not-connected', 'Connect to your iConnect server first.'));
    await exportDraft(compose, { kind: 'new' }, { background, toast });
    expect(toast.show).toHaveBeenLastCalledWith('error', 'Link iConnect first: click the iConnect icon.');
  });

  it('shows the background’s sentence for any other failure', async () => {
    const { compose, background, toast } = setup({ subject: 'Hi' }, err('unreachable', 'Could not reach http://localhost:8787. Is the server running?'));
    await exportDraft(compose, { kind: 'new' }, { background, toast });
    expect(toast.show).toHaveBeenLastCalledWith('error', 'Could not reach http://localhost:8787. Is the server running?');
  });

  it('sends nothing for an empty draft', async () => {
    const { compose, background, toast } = setup({}, saved('opened'));
    await exportDraft(compose, { kind: 'new' }, { background, toast });
    expect(background.exportDraft).not.toHaveBeenCalled();
    expect(toast.show).toHaveBeenCalledWith('error', 'This draft is empty: write a subject or a message first.');
  });

  it('refuses a body larger than a campaign can hold, with the reason', async () => {
    const { compose, background, toast } = setup({ subject: 'Big', bodyHtml: `<div>${'x'.repeat(500_001)}</div>` }, saved('opened'));
    await exportDraft(compose, { kind: 'new' }, { background, toast });
    expect(background.exportDraft).not.toHaveBeenCalled();
    expect(toast.show).toHaveBeenCalledWith('error', 'The body is over 500,000 characters');
  });
});

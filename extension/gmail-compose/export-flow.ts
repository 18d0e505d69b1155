import { composeDraftSchema, type ComposeTarget } from '../messages/compose';
import type { ComposeBackground } from './compose-background';
import type { ComposeToast } from './compose-toast';
import { describeExport } from './describe-export';
import type { ComposeWindow } from './find-compose-windows';
import { isEmptyDraft, readDraft } from './read-draft';

/**
 * What happens after the user picked a target in the menu: read the draft, send it, say how it
 * went. Runs in the click's handler; the message leaves before the first await, while the click
 * still counts as a user gesture (the background opens the side panel with it).
 */
export async function exportDraft(
  compose: Pick<ComposeWindow, 'subject' | 'body'>,
  target: ComposeTarget,
  deps: { background: Pick<ComposeBackground, 'exportDraft'>; toast: Pick<ComposeToast, 'show'> },
): Promise<void> {
  const draft = readDraft(compose);
  if (isEmptyDraft(draft)) {
    deps.toast.show('error', 'This draft is empty: write a subject or a message first.');
    return;
  }
  const checked = composeDraftSchema.safeParse(draft);
  if (!checked.success) {
    deps.toast.show('error', checked.error.issues[0]?.message ?? 'iConnect cannot take this draft.');
    return;
  }
  const sending = deps.background.exportDraft(checked.data, target);
  deps.toast.show('progress', target.kind === 'new' ? 'Creating the campaign…' : 'Saving into the campaign…');
  const result = await sending;
  deps.toast.show(result.ok ? 'success' : 'error', describeExport(result));
}

import type { ComposeExportResult } from '../messages/compose';
import type { MessageError, Result } from '../messages/result';

/**
 * The sentence the compose window shows after an export.
 *
 * @example
 * describeExport({ ok: true, value: { campaign: { id: 'cmp_1', name: 'Spring' }, created: true, panel: 'closed' } })
 * // 'Saved as a new campaign, “Spring”. Click the iConnect icon to open it.'
 */
export function describeExport(result: Result<ComposeExportResult>): string {
  if (!result.ok) return describeError(result.error);
  const { campaign, created, panel } = result.value;
  const saved = created ? `Saved as a new campaign, “${campaign.name}”.` : `Saved into “${campaign.name}”.`;
  return `${saved} ${panel === 'opened' ? 'It is open in the iConnect side panel.' : 'Click the iConnect icon to open it.'}`;
}

/** An error from the background, in words for someone looking at Gmail rather than at the panel. */
export function describeError(error: MessageError): string {
  if (error.code === 'not-connected') return 'Link iConnect first: click the iConnect icon.';
  return error.message;
}

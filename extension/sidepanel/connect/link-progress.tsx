import { InlineAlert } from '../ui/inline-alert';
import { Notice } from '../ui/notice';
import type { useLink } from './use-link';

/**
 * What a started link says under its button, on the connect screen and on the signed-out screen
 * alike: waiting for the dashboard tab (with Cancel), or why it failed.
 */
export function LinkProgress({ link }: { link: ReturnType<typeof useLink> }) {
  const linkError = link.status.phase === 'failed' ? link.status.error : null;
  return (
    <>
      {link.status.phase === 'waiting' && (
        <Notice tone="info" testId="link-waiting">
          <p>Confirm in the iConnect tab that opened. This panel connects as soon as you do.</p>
          <button type="button" className="connect__cancel" onClick={() => void link.cancel()} data-testid="link-cancel">
            Cancel
          </button>
        </Notice>
      )}
      {linkError && <InlineAlert message={linkError.message} testId="link-error" />}
    </>
  );
}

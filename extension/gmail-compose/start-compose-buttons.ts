import type { ComposeBackground } from './compose-background';
import { createExportButton } from './export-button';
import { exportDraft } from './export-flow';
import { PLACED_SELECTOR, placeInToolbar } from './place-in-toolbar';
import { watchComposeWindows } from './watch-compose-windows';

/** Waits this long after Gmail changes the page before looking for compose windows again. */
const SCAN_DELAY_MS = 150;

/**
 * Puts an "Export to iConnect" button into every Gmail compose window, now and as they open.
 * Where Gmail's markup has no recognisable toolbar nothing is added and nothing fails; the side
 * panel works without the button. Returns a function that removes every button.
 *
 * @example
 * const stop = startComposeButtons(document, composeBackground((m) => browser.runtime.sendMessage(m)));
 */
export function startComposeButtons(document: Document, background: ComposeBackground): () => void {
  const watcher = watchComposeWindows({
    document,
    MutationObserver,
    delayMs: SCAN_DELAY_MS,
    placedSelector: PLACED_SELECTOR,
    mount(compose) {
      const button = createExportButton({
        document,
        loadCampaigns: () => background.campaigns(),
        onChoose: (target) => void exportDraft(compose, target, { background, toast: button.toast }),
      });
      const placed = placeInToolbar(compose.sendButton, button.host);
      return {
        placed,
        unmount() {
          button.destroy();
          placed.remove();
        },
      };
    },
  });
  return () => watcher.stop();
}

/** The `chrome.sidePanel` calls we make (Chrome 116+). */
interface SidePanelApi {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}

/**
 * Chrome's namespace, read directly: webextension-polyfill's types follow Firefox,
 * which has no sidePanel.
 */
function sidePanelApi(): SidePanelApi {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
  if (!sidePanel) throw new Error('chrome.sidePanel is unavailable (needs Chrome 116+ and the "sidePanel" permission)');
  return sidePanel;
}

/**
 * Makes the toolbar icon open the side panel. The behaviour is stored by Chrome,
 * but setting it on every start is cheap and repairs it after an update.
 */
export async function openPanelOnActionClick(): Promise<void> {
  await sidePanelApi().setPanelBehavior({ openPanelOnActionClick: true });
}

/**
 * Opens the side panel in the window of the tab a message came from; resolves `false` when
 * Chrome refuses. `sidePanel.open()` is only allowed in response to a user action: a click in a
 * content script counts only while its message is being dispatched, so call this synchronously
 * in the handler, before any `await`.
 * https://developer.chrome.com/docs/extensions/reference/api/sidePanel#method-open
 *
 * @example
 * const opening = openSidePanel(context.tab); // first, still inside the click's gesture
 * const saved = await save();
 * const opened = await opening;
 */
export function openSidePanel(tab: { id: number; windowId?: number }): Promise<boolean> {
  try {
    // The global panel (the one the icon opens), in that tab's window.
    const target = tab.windowId !== undefined ? { windowId: tab.windowId } : { tabId: tab.id };
    return sidePanelApi()
      .open(target)
      .then(
        () => true,
        () => false,
      );
  } catch {
    return Promise.resolve(false);
  }
}

/** The one `chrome.sidePanel` call we make (Chrome 116+). */
interface SidePanelApi {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

/**
 * Makes the toolbar icon open the side panel. webextension-polyfill's types follow
 * Firefox, which has no sidePanel, so this reads Chrome's namespace directly.
 * The behaviour is stored by Chrome, but setting it on every start is cheap and
 * repairs it after an update.
 */
export async function openPanelOnActionClick(): Promise<void> {
  const sidePanel = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
  if (!sidePanel) throw new Error('chrome.sidePanel is unavailable (needs Chrome 116+ and the "sidePanel" permission)');
  await sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
}

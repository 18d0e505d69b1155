import browser from 'webextension-polyfill';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { composeBackground } from '../gmail-compose/compose-background';
import { startComposeButtons } from '../gmail-compose/start-compose-buttons';

/** Issue 7: the "Export to iConnect" button in Gmail's compose windows. Gmail only, top frame only. */
export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const stop = startComposeButtons(document, composeBackground((message) => browser.runtime.sendMessage(message)));
    // The extension was updated, reloaded or disabled: take the buttons out of the page.
    ctx.onInvalidated(stop);
  },
});

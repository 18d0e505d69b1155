import { defineConfig } from 'wxt';

/**
 * Public half of the extension's signing key. Pinning it makes the extension id
 * the same on every checkout and machine (otherwise an unpacked extension's id is
 * derived from its absolute path), so the id can be allow-listed and tested.
 * Derived id: mjnpgoahphiokkmbakhebijcbljooiap
 * (sha256 of the DER key, first 32 hex digits mapped 0-f -> a-p).
 */
const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAmGQ9HkGYbG52kjhn/bdTDdQujy7YTCwXOf8BREw8cKsZDMzD7B74xA/nHAgnfdqxndw96ieSmRZhdbWu21NYaluI2gAHVdNXCjSC4a+VuPihcmerXG4dnbtmHGQ9CLUisdG/kJqGGQn/VUZV6HHFmFW4FHcxqjbPRpSM7qgsqJT0nnc0DCimQU73KenAWl6/Tlb5kpMAfue7t0M/Ya1AoyQIu34XqQMSdA+AVZN7WZ/5YmbYZ3jp07l+trWASnqvM9gtu9kaAA6D6duM9PvXu1aBXdROgcMZelMLl8M6XbD9GKmedqgUmFxY3J+HKuwyaNwEbIvYp2CB0BPnkWW4YwIDAQAB';

const ICONS = {
  16: 'icon/16.png',
  32: 'icon/32.png',
  48: 'icon/48.png',
  128: 'icon/128.png',
};

/**
 * Extension pages (side panel, service worker) load only our own bundled code:
 * no remote scripts, no eval, no plugins, no <base> or form hijacking.
 * connect-src stays open to http(s) because the user chooses their server;
 * what the background may actually reach is gated by the host permissions.
 * `wxt dev` injects styles through <style> tags, so the style rule is relaxed there only.
 */
function extensionPagesCsp(mode: string): string {
  const styleSrc = mode === 'development' ? "'self' 'unsafe-inline'" : "'self'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "img-src 'self'",
    `style-src ${styleSrc}`,
    'connect-src http: https:',
  ].join('; ');
}

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  // ICONNECT_EXT_OUT lets parallel work build into its own folder; the e2e tests read the same variable.
  outDir: process.env.ICONNECT_EXT_OUT ?? '.output',
  // Explicit imports everywhere: a reader can see where every name comes from.
  imports: false,
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ mode }) => ({
    name: 'iConnect',
    description: 'Send personal Gmail campaigns from your own self-hosted iConnect server.',
    key: EXTENSION_KEY,
    // chrome.sidePanel.setPanelBehavior arrived in Chrome 116.
    minimum_chrome_version: '116',
    icons: ICONS,
    action: { default_title: 'Open iConnect', default_icon: ICONS },
    // side_panel.default_path is written by WXT from entrypoints/sidepanel/.
    // "storage" is for chrome.storage.session only: the Gmail button's "open this campaign" note to
    // the panel (extension/compose/open-campaign-intent.ts), which content scripts cannot read.
    // The connection and its token live in IndexedDB (see extension/db/), never in chrome.storage.
    // The Gmail content script (entrypoints/gmail.content.ts) matches https://mail.google.com/* only.
    // alarms: the background syncs offline edits once a minute (a service worker's timers die with it).
    // scripting: "Link with my iConnect account" reads the new token from the dashboard tab the background
    // opened, once it shows the server's done page (extension/connection/link-page.ts). It reaches only
    // hosts we have permission for. No "tabs": tabs.onUpdated already gives the URL of those hosts.
    permissions: ['sidePanel', 'storage', 'alarms', 'scripting'],
    // A self-hosted server on this machine; a pattern without a port matches every port.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // Any other server is asked for at connect time, for that one host only.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: { extension_pages: extensionPagesCsp(mode) },
  }),
});

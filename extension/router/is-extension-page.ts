/** The parts of `runtime.MessageSender` the trust check reads. */
export interface SenderInfo {
  id?: string;
  url?: string;
}

/** Who we are: `browser.runtime.id` and `browser.runtime.getURL('/')`. */
export interface ExtensionIdentity {
  id: string;
  /** e.g. `chrome-extension://mjnpgoahphiokkmbakhebijcbljooiap/`, with the trailing slash. */
  baseUrl: string;
}

/**
 * True only for the extension's own pages (side panel, options, tabs showing our
 * HTML). Our content scripts share our `sender.id` but carry the URL of the web
 * page they run in, and that page may be hostile, so the URL must be ours too.
 * Compared as a string prefix with the trailing slash: `new URL()` gives a
 * `null` origin for `chrome-extension:` outside the browser.
 */
export function isExtensionPage(sender: SenderInfo, extension: ExtensionIdentity): boolean {
  if (!extension.baseUrl.endsWith('/')) throw new Error('extension.baseUrl must end with "/"');
  return (
    sender.id === extension.id &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(extension.baseUrl)
  );
}

import * as z from 'zod';
import { EXTENSION_LINK_PATH, EXTENSION_TOKEN_ELEMENT_ID } from '../../shared/schemas/extension-link';

/**
 * The dashboard's link page for this server, with the state and our extension id in the query.
 *
 * @example linkPageUrl('https://iconnect.example.com', 'q9Yt…', 'mjnp…') // 'https://iconnect.example.com/extension/link?state=q9Yt…&extension=mjnp…'
 */
export function linkPageUrl(serverUrl: string, state: string, extensionId: string): string {
  const query = new URLSearchParams({ state, extension: extensionId });
  return `${serverUrl}${EXTENSION_LINK_PATH}?${query.toString()}`;
}

/** True when `url` is the link page of this server: same origin (scheme, host, port) and path. */
export function isLinkPage(url: string, serverUrl: string): boolean {
  let page: URL;
  try {
    page = new URL(url);
  } catch {
    return false;
  }
  const server = new URL(serverUrl);
  const basePath = server.pathname.replace(/\/+$/, '');
  return page.origin === server.origin && page.pathname === `${basePath}${EXTENSION_LINK_PATH}`;
}

/** What the injected reader finds: where it ran, and the token and state if this is the done page. */
export const linkPageReadingSchema = z.object({
  href: z.string(),
  token: z.string().nullable(),
  state: z.string().nullable(),
});
export type LinkPageReading = z.infer<typeof linkPageReadingSchema>;

/** The part of `browser.scripting` used here. */
export interface ScriptingApi {
  executeScript(injection: {
    target: { tabId: number };
    func: (elementId: string) => LinkPageReading;
    args: [string];
  }): Promise<{ result?: unknown }[]>;
}

/**
 * Reads the done page in `tabId` (main frame, our isolated world): needs the "scripting" permission
 * and host access to the tab's origin. Undefined when the tab cannot be read or answers oddly.
 */
export async function readLinkPage(scripting: ScriptingApi, tabId: number): Promise<LinkPageReading | undefined> {
  try {
    const [main] = await scripting.executeScript({ target: { tabId }, func: readTokenElement, args: [EXTENSION_TOKEN_ELEMENT_ID] });
    const reading = linkPageReadingSchema.safeParse(main?.result);
    return reading.success ? reading.data : undefined;
  } catch {
    // The tab was closed or navigated away from a host we may access.
    return undefined;
  }
}

/**
 * Runs inside the tab: Chrome serialises this function's source, so it may use nothing from
 * outside its own body. Reports the document's own address, so the caller can check again that
 * it read the server's link page and not a page the tab moved on to.
 */
function readTokenElement(elementId: string): LinkPageReading {
  const output = document.getElementById(elementId);
  return {
    href: location.href,
    token: output ? (output.textContent ?? '').trim() : null,
    state: output ? output.getAttribute('data-state') : null,
  };
}

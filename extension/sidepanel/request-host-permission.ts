import browser from 'webextension-polyfill';
import { hostPermissionFor, hostPermissionRefused } from '../connection/server-url';
import type { MessageError } from '../messages';

/**
 * Asks Chrome to let the background reach `serverUrl`, when the manifest does not
 * already cover it. Must be called synchronously from a click or submit handler
 * (before any `await`): `permissions.request` needs a user gesture.
 * Resolves true when the host may be reached.
 */
export function requestHostPermission(serverUrl: string): Promise<boolean> {
  const origin = hostPermissionFor(serverUrl);
  if (origin === null) return Promise.resolve(true);
  // A refusal to even ask (e.g. a pattern outside optional_host_permissions) counts as a no.
  return browser.permissions.request({ origins: [origin] }).catch(() => false);
}

/**
 * `requestHostPermission`, answering the error to show when refused (null when granted).
 * `button` names what to press again. Same rule: call it within the click.
 */
export function requestHostPermissionFor(serverUrl: string, button: string): Promise<MessageError | null> {
  return requestHostPermission(serverUrl).then((granted) => (granted ? null : hostPermissionRefused(serverUrl, button).error));
}

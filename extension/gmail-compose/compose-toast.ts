import { keepPlaced } from './place-popover';

export type ToastTone = 'progress' | 'success' | 'error';

export interface ComposeToast {
  element: HTMLElement;
  show(tone: ToastTone, text: string): void;
  hide(): void;
}

/** How long a message stays; an error stays until dismissed, or until the next one. */
const SUCCESS_MS = 10_000;

/**
 * A small message above the button (Gmail's own "Message sent" style), announced to screen
 * readers: `role="status"`, or `role="alert"` for an error.
 */
export function createComposeToast(document: Document, anchor: () => Element): ComposeToast {
  const element = document.createElement('div');
  element.className = 'toast';
  element.setAttribute('popover', 'manual');
  element.setAttribute('data-testid', 'iconnect-toast');
  const text = document.createElement('span');
  text.className = 'text';
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.textContent = 'Dismiss';
  element.append(text, dismiss);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopPlacing = () => {};

  function hide(): void {
    stopPlacing();
    stopPlacing = () => {};
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (element.matches(':popover-open')) element.hidePopover();
  }
  dismiss.addEventListener('click', hide);

  return {
    element,
    hide,
    show(tone, message) {
      // The compose window may be gone by the time an answer comes (sent, closed, discarded).
      if (!element.isConnected) return;
      hide();
      element.setAttribute('data-tone', tone);
      element.setAttribute('role', tone === 'error' ? 'alert' : 'status');
      text.textContent = message;
      element.showPopover();
      stopPlacing = keepPlaced(element, anchor());
      if (tone === 'success') timer = setTimeout(hide, SUCCESS_MS);
    },
  };
}

import { findComposeWindows, type ComposeWindow } from './find-compose-windows';

/** What a mounted button leaves in the page: the element it inserted, and how to take it out. */
export interface Mounted {
  /** The element inserted into Gmail's toolbar; when Gmail re-renders it away, the button is mounted again. */
  placed: Element;
  unmount(): void;
}

export interface WatchOptions {
  document: Document;
  /** Puts a button into this compose window; null when there is no place for it. */
  mount(compose: ComposeWindow): Mounted | null;
  /** Matches what `mount` places, whichever copy of this script placed it. */
  placedSelector: string;
  MutationObserver: typeof MutationObserver;
  /** How long to wait after a change before looking again: Gmail changes the page many times a second. */
  delayMs: number;
}

export interface ComposeWatcher {
  /** Looks for compose windows now: adds missing buttons, drops those of closed windows. */
  scan(): void;
  /** Stops watching and removes every button. Safe to call twice. */
  stop(): void;
}

/**
 * Keeps exactly one button in every compose window: windows opened later get theirs, a button
 * Gmail re-rendered away comes back, and a closed window's button is cleaned up.
 *
 * @example
 * const watcher = watchComposeWindows({ document, mount, placedSelector, MutationObserver, delayMs: 150 });
 * // later (the extension was updated or disabled)
 * watcher.stop();
 */
export function watchComposeWindows(options: WatchOptions): ComposeWatcher {
  const { document, mount, placedSelector, delayMs } = options;
  const mounted = new Map<Element, Mounted>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function scan(): void {
    if (stopped) return;
    for (const [root, button] of mounted) {
      if (!root.isConnected || !button.placed.isConnected || !root.contains(button.placed)) {
        button.unmount();
        mounted.delete(root);
      }
    }
    for (const compose of findComposeWindows(document)) {
      if (mounted.has(compose.root)) continue;
      // Another copy of this script placed one (the extension was just reloaded, and the old copy is
      // about to remove its buttons): wait for it to go rather than fight over the toolbar.
      if (compose.root.querySelector(placedSelector)) continue;
      const button = mount(compose);
      if (button) mounted.set(compose.root, button);
    }
  }

  const observer = new options.MutationObserver(() => {
    if (timer === undefined && !stopped) {
      timer = setTimeout(() => {
        timer = undefined;
        scan();
      }, delayMs);
    }
  });
  observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
  scan();

  return {
    scan,
    stop() {
      if (stopped) return;
      stopped = true;
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      for (const button of mounted.values()) button.unmount();
      mounted.clear();
    },
  };
}

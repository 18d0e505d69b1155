import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PLACED_SELECTOR, placeInToolbar } from './place-in-toolbar';
import { composeWindowHtml, gmailPage, type TestDom } from './testing/gmail-markup';
import { watchComposeWindows, type ComposeWatcher } from './watch-compose-windows';

/** As in start-compose-buttons.ts: the pause after Gmail changes the page before looking again. */
const DELAY_MS = 150;

let watcher: ComposeWatcher | undefined;
// The scan timer runs on a fake clock the tests move; the MutationObserver still delivers for real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  watcher?.stop();
  vi.useRealTimers();
});

/** Watches with a mount that places a plain marker element and counts mounts and unmounts. */
function watch(dom: TestDom, delayMs = DELAY_MS) {
  const unmounted = vi.fn();
  const mount = vi.fn((compose: { sendButton: Element }) => {
    const host = dom.document.createElement('span');
    host.className = 'iconnect-button';
    const placed = placeInToolbar(compose.sendButton, host);
    return {
      placed,
      unmount() {
        unmounted();
        placed.remove();
      },
    };
  });
  watcher = watchComposeWindows({ document: dom.document, MutationObserver: dom.MutationObserver, mount, placedSelector: PLACED_SELECTOR, delayMs });
  const buttons = () => dom.document.querySelectorAll('.iconnect-button').length;
  return { watcher, mount, unmounted, buttons };
}

/** Lets the MutationObserver deliver (a microtask) and the scan timer fire. */
const settle = () => vi.advanceTimersByTimeAsync(DELAY_MS);

describe('watchComposeWindows', () => {
  it('adds one button per compose window, however often it looks', () => {
    const dom = gmailPage(composeWindowHtml() + composeWindowHtml());
    const { watcher, mount, buttons } = watch(dom);

    watcher.scan();
    watcher.scan();

    expect(buttons()).toBe(2);
    expect(mount).toHaveBeenCalledTimes(2);
  });

  it('gives a compose window opened later its own button', async () => {
    const dom = gmailPage(composeWindowHtml());
    const { buttons } = watch(dom);
    expect(buttons()).toBe(1);

    dom.document.querySelector('.dw')!.insertAdjacentHTML('beforeend', composeWindowHtml({ subject: 'Second' }));
    await settle();

    expect(buttons()).toBe(2);
  });

  it('puts the button back when Gmail re-renders the toolbar', async () => {
    const dom = gmailPage(composeWindowHtml());
    const { mount, unmounted, buttons } = watch(dom);
    const row = dom.document.querySelector('tr.btC')!;

    row.innerHTML = row.innerHTML.replace(/<td data-iconnect-compose="">.*?<\/td>/s, '');
    expect(buttons()).toBe(0);
    await settle();

    expect(buttons()).toBe(1);
    expect(mount).toHaveBeenCalledTimes(2);
    expect(unmounted).toHaveBeenCalledTimes(1);
  });

  it('cleans up after a compose window that closed', async () => {
    const dom = gmailPage(composeWindowHtml());
    const { unmounted } = watch(dom);

    dom.document.querySelector('[role="dialog"]')!.remove();
    await settle();

    expect(unmounted).toHaveBeenCalledTimes(1);
  });

  it('leaves a button placed by another copy of the script alone, and takes over once it is gone', async () => {
    const dom = gmailPage(composeWindowHtml());
    const old = watch(dom);
    // The extension was reloaded: a new copy starts while the old one still runs.
    const fresh = watch(dom);
    expect(fresh.mount).not.toHaveBeenCalled();
    expect(fresh.buttons()).toBe(1);

    // The old copy learns it was invalidated and removes its button.
    old.watcher.stop();
    await settle();

    expect(fresh.mount).toHaveBeenCalledTimes(1);
    expect(fresh.buttons()).toBe(1);
  });

  it('adds nothing where the toolbar is missing, and nothing fails', async () => {
    const dom = gmailPage(composeWindowHtml({ toolbar: false }));
    const { mount, buttons } = watch(dom);
    await settle();

    expect(mount).not.toHaveBeenCalled();
    expect(buttons()).toBe(0);
  });

  it('removes every button and stops watching when stopped', async () => {
    const dom = gmailPage(composeWindowHtml());
    const { watcher, buttons, mount } = watch(dom);

    watcher.stop();
    dom.document.querySelector('.dw')!.insertAdjacentHTML('beforeend', composeWindowHtml());
    await settle();

    expect(buttons()).toBe(0);
    expect(mount).toHaveBeenCalledTimes(1);
    expect(dom.document.querySelectorAll(PLACED_SELECTOR)).toHaveLength(0);
  });
});

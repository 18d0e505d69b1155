/** Space kept between a popover, its button and the edges of the window. */
const GAP = 8;

/**
 * Puts a shown popover (top layer, `position: fixed`) next to the button: above it when there is
 * room (the compose toolbar is at the bottom of the window), else below, kept inside the viewport.
 * Coordinates go through the CSSOM (`element.style`), which a page's CSP does not restrict.
 */
export function placePopover(popover: HTMLElement, anchor: Element): void {
  const view = anchor.ownerDocument.defaultView;
  if (!view) return;
  const button = anchor.getBoundingClientRect();
  const { width, height } = popover.getBoundingClientRect();
  const left = Math.max(GAP, Math.min(button.left, view.innerWidth - width - GAP));
  const above = button.top - height - GAP >= GAP;
  popover.style.left = `${left}px`;
  popover.style.top = `${above ? button.top - height - GAP : Math.min(button.bottom + GAP, view.innerHeight - height - GAP)}px`;
}

/**
 * Places the popover now and again whenever its button may have moved while it is open: the
 * window changed size (opening Chrome's side panel narrows Gmail; the compose window is pinned to
 * the bottom edge) or something scrolled. A fixed popover placed once would stay where the button
 * was, possibly outside the window. Returns the function that stops following.
 *
 * @example
 * const stop = keepPlaced(menu, button); // on open
 * stop(); // on close
 */
export function keepPlaced(popover: HTMLElement, anchor: Element): () => void {
  const view = anchor.ownerDocument.defaultView;
  placePopover(popover, anchor);
  if (!view) return () => {};
  let frame: number | undefined;
  const again = () => {
    // Resize and scroll fire many times a frame: place once, before the next paint.
    frame ??= view.requestAnimationFrame(() => {
      frame = undefined;
      placePopover(popover, anchor);
    });
  };
  view.addEventListener('resize', again);
  view.addEventListener('scroll', again, { capture: true, passive: true });
  return () => {
    view.removeEventListener('resize', again);
    view.removeEventListener('scroll', again, { capture: true });
    if (frame !== undefined) view.cancelAnimationFrame(frame);
    frame = undefined;
  };
}

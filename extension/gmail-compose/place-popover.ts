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

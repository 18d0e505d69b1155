import { BUTTON_CSS } from './button-styles';
import { createComposeToast, type ComposeToast } from './compose-toast';
import { activeElementOf, createExportMenu, type ExportMenuOptions } from './export-menu';
import { keepPlaced } from './place-popover';

export interface ExportButton {
  /** The element to insert into Gmail's toolbar; everything else is in its shadow root. */
  host: HTMLElement;
  toast: ComposeToast;
  destroy(): void;
}

/** Events that stay inside the button: Gmail's compose window has its own keyboard shortcuts and click handlers. */
const CONTAINED_EVENTS = ['keydown', 'keyup', 'keypress', 'click', 'mousedown', 'mouseup', 'pointerdown', 'focusin', 'focusout'];

/**
 * The "Export to iConnect" button with its menu and toast, in an open shadow root so Gmail's CSS
 * does not reach in. A real `<button>`: focusable, Enter and Space open the menu (as does
 * ArrowDown), Escape closes it and gives focus back.
 */
export function createExportButton(options: ExportMenuOptions): ExportButton {
  const { document } = options;
  const host = document.createElement('span');
  host.setAttribute('data-testid', 'iconnect-compose-button');
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(BUTTON_CSS);
  shadow.adoptedStyleSheets = [sheet];

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'export';
  button.setAttribute('aria-label', 'Export to iConnect');
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('data-testid', 'iconnect-export');
  button.title = 'Turn this draft into an iConnect campaign';
  const logo = document.createElement('span');
  logo.className = 'logo';
  logo.setAttribute('aria-hidden', 'true');
  logo.textContent = 'i';
  button.append(logo, 'iConnect');

  const menu = createExportMenu(options);
  const toast = createComposeToast(document, () => button);
  // The browser toggles the menu on click (and Enter, Space) and closes it on Escape or a click outside.
  button.popoverTargetElement = menu.element;
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!menu.element.matches(':popover-open')) menu.element.showPopover();
    }
  });
  // Escape or a choice closes the menu while focus is in it: give focus back to the button
  // (a click elsewhere moves focus itself, after this).
  let focusBack = false;
  let stopPlacing = () => {};
  menu.element.addEventListener('beforetoggle', (event) => {
    if (event.newState === 'closed') {
      focusBack = menu.element.contains(activeElementOf(shadow));
      return;
    }
    // Before it shows: always the first choice, never the list from last time.
    toast.hide();
    menu.reset();
  });
  menu.element.addEventListener('toggle', (event) => {
    const open = event.newState === 'open';
    button.setAttribute('aria-expanded', String(open));
    stopPlacing();
    if (!open) {
      stopPlacing = () => {};
      if (focusBack) button.focus({ preventScroll: true });
      return;
    }
    stopPlacing = keepPlaced(menu.element, button);
    menu.focusFirst();
  });

  shadow.append(button, menu.element, toast.element);
  const contain = (event: Event) => event.stopPropagation();
  for (const type of CONTAINED_EVENTS) host.addEventListener(type, contain);

  return {
    host,
    toast,
    destroy() {
      stopPlacing();
      toast.hide();
      if (menu.element.matches(':popover-open')) menu.element.hidePopover();
      for (const type of CONTAINED_EVENTS) host.removeEventListener(type, contain);
    },
  };
}

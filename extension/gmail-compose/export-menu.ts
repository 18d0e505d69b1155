import type { ComposeCampaignChoice, ComposeTarget } from '../messages/compose';
import type { Result } from '../messages/result';
import { describeError } from './describe-export';

export interface ExportMenuOptions {
  document: Document;
  /** The draft campaigns to offer, asked of the background when the user picks "existing". */
  loadCampaigns(): Promise<Result<{ campaigns: ComposeCampaignChoice[] }>>;
  /** Called in the click (or key press) that picked the target: a user gesture. */
  onChoose(target: ComposeTarget): void;
}

export interface ExportMenu {
  /** A `popover="auto"` element: the browser closes it on Escape or a click elsewhere. */
  element: HTMLElement;
  /** Draws the first choice; called each time the menu opens. */
  reset(): void;
  focusFirst(): void;
}

/**
 * The button's menu, an ARIA menu of real buttons: "New campaign", or "Into an existing
 * campaign", which lists the user's drafts. Arrow keys, Home and End move between items.
 */
export function createExportMenu(options: ExportMenuOptions): ExportMenu {
  const { document } = options;
  const element = document.createElement('div');
  element.className = 'menu';
  element.setAttribute('popover', 'auto');
  element.setAttribute('role', 'menu');
  element.setAttribute('aria-label', 'Export to iConnect');
  element.setAttribute('data-testid', 'iconnect-menu');
  /** Bumped on every redraw, so a campaign list arriving after the user went back is dropped. */
  let view = 0;

  const item = (label: string, testId: string, onClick: () => void, className = 'item') => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.setAttribute('role', 'menuitem');
    button.setAttribute('tabindex', '-1');
    button.setAttribute('data-testid', testId);
    button.textContent = label;
    // Only a person's click or key press: a script in the page cannot export drafts through the menu.
    button.addEventListener('click', (event) => {
      if (event.isTrusted) onClick();
    });
    return button;
  };
  const note = (text: string, role?: string) => {
    const paragraph = document.createElement('p');
    paragraph.className = 'note';
    if (role) paragraph.setAttribute('role', role);
    paragraph.textContent = text;
    return paragraph;
  };
  const choose = (target: ComposeTarget) => {
    element.hidePopover();
    options.onChoose(target);
  };

  function reset(): void {
    view++;
    element.replaceChildren(
      item('New campaign', 'iconnect-new-campaign', () => choose({ kind: 'new' })),
      item('Into an existing campaign…', 'iconnect-existing-campaign', () => void showCampaigns()),
    );
  }

  async function showCampaigns(): Promise<void> {
    const current = ++view;
    const heading = document.createElement('p');
    heading.className = 'heading';
    heading.textContent = 'Replace the subject and body of';
    const back = item('← Back', 'iconnect-menu-back', () => {
      reset();
      focusFirst();
    }, 'item back');
    element.replaceChildren(heading, note('Loading your draft campaigns…', 'status'), back);
    back.focus();

    const answer = await options.loadCampaigns();
    if (current !== view) return;
    const rows = !answer.ok
      ? [note(describeError(answer.error), 'alert')]
      : answer.value.campaigns.length === 0
        ? [note('No draft campaigns yet: create one with “New campaign”.')]
        : answer.value.campaigns.map((campaign) =>
            item(campaign.name, 'iconnect-campaign-choice', () => choose({ kind: 'existing', campaignId: campaign.id })),
          );
    element.replaceChildren(heading, ...rows, back);
    focusFirst();
  }

  const items = () => [...element.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  function focusFirst(): void {
    items()[0]?.focus();
  }

  element.addEventListener('keydown', (event) => {
    const all = items();
    const at = all.findIndex((candidate) => candidate === activeElementOf(element));
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next === undefined || all.length === 0) return;
    event.preventDefault();
    all[(next + all.length) % all.length]?.focus();
  });

  reset();
  return { element, reset, focusFirst };
}

/** The focused element in a node's tree (a shadow root): `document.activeElement` is only the host. */
export function activeElementOf(node: Node): Element | null {
  const root = node.getRootNode();
  return 'activeElement' in root && root.activeElement instanceof Element ? root.activeElement : null;
}

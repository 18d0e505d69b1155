import { BODY_SELECTORS, DIALOG_SELECTOR, firstMatch, SEND_BUTTON_SELECTORS, SUBJECT_SELECTORS } from './gmail-selectors';

/** One Gmail compose window, as far as the button is concerned. */
export interface ComposeWindow {
  /** The smallest element that holds this window's subject, body and Send button. */
  root: Element;
  subject: Element;
  body: Element;
  sendButton: Element;
}

/** How far up from the subject line a compose window's body and Send button may be. */
const MAX_DEPTH = 25;

/**
 * Every compose window on the page that has a subject line, a body and a Send button. A window
 * missing any of them (Gmail changed its markup, or it is still being drawn) is left out, so the
 * button is simply not placed there.
 *
 * @example
 * for (const compose of findComposeWindows(document)) console.log(compose.sendButton);
 */
export function findComposeWindows(root: ParentNode): ComposeWindow[] {
  const found = new Map<Element, ComposeWindow>();
  for (const selector of SUBJECT_SELECTORS) {
    for (const subject of root.querySelectorAll(selector)) {
      const compose = composeWindowAround(subject);
      if (compose && !found.has(compose.root)) found.set(compose.root, compose);
    }
  }
  return [...found.values()];
}

/**
 * Walks up from the subject line to the first ancestor that also holds a body and a Send button.
 * It stops at the window's dialog, and before an ancestor holding a second subject line: that is a
 * container of several compose windows, whose Send buttons belong to the others.
 */
function composeWindowAround(subject: Element): ComposeWindow | null {
  let node = subject.parentElement;
  for (let depth = 0; node && depth < MAX_DEPTH; depth++, node = node.parentElement) {
    if (subjectCount(node) > 1) return null;
    const body = firstMatch(node, BODY_SELECTORS);
    const sendButton = body ? firstMatch(node, SEND_BUTTON_SELECTORS) : null;
    if (body && sendButton) return { root: node, subject, body, sendButton };
    if (node.matches(DIALOG_SELECTOR)) return null;
  }
  return null;
}

function subjectCount(node: Element): number {
  return SUBJECT_SELECTORS.reduce((count, selector) => count + node.querySelectorAll(selector).length, 0);
}

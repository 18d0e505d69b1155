/**
 * Where Gmail's compose window keeps what the button needs. Gmail's class names are generated and
 * change between releases; roles, ARIA labels, `name` and `data-tooltip` attributes have stayed
 * put for years, so they come first and the class names only as a last resort. The first selector
 * of each list that matches wins. Labels are localised ("Message Body", "Send" in English): every
 * list ends with something language-free.
 */

/** The subject line, one per compose window. */
export const SUBJECT_SELECTORS = ['input[name="subjectbox"]'] as const;

/** The message body editor. */
export const BODY_SELECTORS = [
  'div[role="textbox"][contenteditable="true"][aria-label="Message Body"]',
  'div[role="textbox"][contenteditable="true"][g_editable="true"]',
  'div[role="textbox"][contenteditable="true"][aria-label]',
  'div.editable[contenteditable="true"]',
] as const;

/** The Send button; the row it sits in is the toolbar the iConnect button joins. */
export const SEND_BUTTON_SELECTORS = [
  'div[role="button"][data-tooltip^="Send"]',
  'div[role="button"][aria-label^="Send"]',
  // Gmail's class for Send (language-free; the least stable of the three).
  'div[role="button"].aoO',
] as const;

/** The compose window's own boundary: a pop-up or full-screen compose is a dialog. */
export const DIALOG_SELECTOR = '[role="dialog"]';

/**
 * What Gmail adds around the text the user wrote, left out of a campaign: the signature belongs
 * to one Gmail account while a campaign may send from several, and quoted text belongs to a
 * thread the recipients are not part of.
 */
export const NOT_PART_OF_THE_DRAFT_SELECTORS = [
  '[data-smartmail="gmail_signature"]',
  '.gmail_signature',
  '.gmail_signature_prefix',
  '.gmail_quote_container',
  '.gmail_quote',
] as const;

/** Returns the first element that any of `selectors` (tried in order) matches under `root`. */
export function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  return null;
}

import type { ComposeDraft } from '../messages/compose';
import type { ComposeWindow } from './find-compose-windows';
import { NOT_PART_OF_THE_DRAFT_SELECTORS } from './gmail-selectors';

/**
 * The draft in a compose window: its subject and its body's HTML without Gmail's signature and
 * quoted text, and without the blank lines those leave at the end. The compose window itself is
 * never changed. The HTML is sanitised by the server when it renders a campaign; this only drops
 * what is not part of the message.
 *
 * @example
 * readDraft(compose) // { subject: 'Spring offer', html: '<div>Hello <b>there</b></div>' }
 */
export function readDraft(compose: Pick<ComposeWindow, 'subject' | 'body'>): ComposeDraft {
  const subject = valueOf(compose.subject).replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const body = compose.body.cloneNode(true);
  if (!isElement(body)) return { subject, html: '' };
  for (const selector of NOT_PART_OF_THE_DRAFT_SELECTORS) {
    for (const node of body.querySelectorAll(selector)) node.remove();
  }
  trimTrailingBlankLines(body);
  return { subject, html: isBlank(body) ? '' : body.innerHTML.trim() };
}

/** True when there is nothing to export: no subject and an empty body. */
export function isEmptyDraft(draft: ComposeDraft): boolean {
  return draft.subject === '' && draft.html === '';
}

function valueOf(input: Element): string {
  return 'value' in input && typeof input.value === 'string' ? input.value : (input.getAttribute('value') ?? '');
}

function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

/** Gmail writes an empty line as `<div><br></div>` and puts `<br clear="all">` before a signature. */
function trimTrailingBlankLines(body: Element): void {
  for (let last = body.lastChild; last && isBlankNode(last); last = body.lastChild) last.remove();
}

function isBlankNode(node: Node): boolean {
  if (node.nodeType === 3) return (node.textContent ?? '').trim() === '';
  if (!isElement(node)) return node.nodeType === 8; // a comment
  if (node.tagName === 'BR') return true;
  return node.tagName === 'DIV' && isBlank(node);
}

/** No text and nothing visible that is not text (an image, a table, a rule). */
function isBlank(element: Element): boolean {
  return (element.textContent ?? '').trim() === '' && !element.querySelector('img, table, hr, video, iframe');
}

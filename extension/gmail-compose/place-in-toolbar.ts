/** Marks what we insert into Gmail's page, so a copy left by an earlier script instance can be found. */
export const PLACED_ATTRIBUTE = 'data-iconnect-compose';
export const PLACED_SELECTOR = `[${PLACED_ATTRIBUTE}]`;

/** A Send button this deep inside a table cell is in Gmail's toolbar row, not in a layout table around the window. */
const MAX_CELL_DEPTH = 6;

/**
 * Inserts `host` right after the Send button: as a cell of its own when the toolbar is a table
 * row (Gmail's layout since 2012), else after the Send group (Send and its "more send options"
 * arrow). Returns the element inserted into the page.
 *
 * @example
 * const placed = placeInToolbar(compose.sendButton, host);
 * // later
 * placed.remove();
 */
export function placeInToolbar(sendButton: Element, host: Element): Element {
  const cell = toolbarCell(sendButton);
  if (cell) {
    const td = sendButton.ownerDocument.createElement('td');
    td.setAttribute(PLACED_ATTRIBUTE, '');
    td.append(host);
    cell.after(td);
    return td;
  }
  host.setAttribute(PLACED_ATTRIBUTE, '');
  const group = sendButton.parentElement;
  (group && group.childElementCount <= 2 && group.parentElement ? group : sendButton).after(host);
  return host;
}

function toolbarCell(sendButton: Element): Element | null {
  let node = sendButton.parentElement;
  for (let depth = 0; node && depth < MAX_CELL_DEPTH; depth++, node = node.parentElement) {
    if (node.tagName === 'TD') return node.parentElement?.tagName === 'TR' ? node : null;
  }
  return null;
}

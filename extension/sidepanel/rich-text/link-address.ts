/**
 * Which link addresses the editor accepts: web and mail links, or an address that starts with a
 * merge tag (`{{website}}`, filled per recipient). Never `javascript:` or `data:` (they would run
 * or embed content in the reader's mail client), nor ftp/tel and the other schemes Tiptap's Link
 * allows by default: a campaign link is a page or an address.
 *
 * @example isAllowedLinkAddress('https://x.test/?c={{company}}') // true
 * @example isAllowedLinkAddress('javascript:alert(1)') // false
 */
export function isAllowedLinkAddress(address: string): boolean {
  // Browsers ignore whitespace and control characters inside a scheme (`java\tscript:`).
  // eslint-disable-next-line no-control-regex
  const compact = address.replace(/[\u0000-\u0020\u007f-\u00a0\u2000-\u200b\u2028\u2029\ufeff]/g, '');
  return /^(https?:\/\/[^/?#]|mailto:[^\s]|\{\{)/i.test(compact);
}

/** The schemes given to Tiptap's Link (autolink and paste): the same three. */
export const LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

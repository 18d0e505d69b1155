import type { MessageFilter } from './mailbox-store';

/**
 * The part of Gmail's search syntax (https://support.google.com/mail/answer/7190) the product
 * uses: `rfc822msgid:`, `in:`/`label:`, `is:unread`, `after:`/`before:` (epoch seconds or
 * yyyy/mm/dd), `from:`, `to:`, `subject:`, space separated (AND). Dates are read as UTC midnight;
 * Gmail reads them in the account's time zone, which is why epoch seconds are the exact form.
 * Anything else is refused, so a query the sandbox would silently mis-answer fails loudly.
 */
export function parseSearchQuery(q: string): { filter: MessageFilter } | { problem: string } {
  const filter: MessageFilter = {};
  const labels: string[] = [];
  for (const term of q.trim().split(/\s+/).filter(Boolean)) {
    const colon = term.indexOf(':');
    const key = colon > 0 ? term.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? term.slice(colon + 1).replace(/^"(.*)"$/, '$1') : term;
    if (!value) return { problem: `Invalid search term: ${term}` };
    switch (key) {
      case 'rfc822msgid':
        filter.rfc822MessageId = value.startsWith('<') ? value : `<${value}>`;
        break;
      case 'in':
        if (value.toLowerCase() !== 'anywhere') labels.push(value.toUpperCase());
        break;
      case 'label':
        labels.push(/^(inbox|sent|unread|spam|trash|draft|starred|important)$/i.test(value) ? value.toUpperCase() : value);
        break;
      case 'is':
        if (value.toLowerCase() !== 'unread') return { problem: `The sandbox supports only is:unread, not ${term}` };
        labels.push('UNREAD');
        break;
      case 'after':
      case 'before': {
        const ms = parseDate(value);
        if (ms === undefined) return { problem: `Invalid date in ${term}` };
        if (key === 'after') filter.afterMs = ms;
        else filter.beforeMs = ms;
        break;
      }
      case 'from':
        filter.from = value;
        break;
      case 'to':
        filter.to = value;
        break;
      case 'subject':
        filter.subject = value;
        break;
      default:
        return { problem: `The sandbox does not support the search term "${term}"` };
    }
  }
  if (labels.length > 0) filter.labelIds = labels;
  return { filter };
}

function parseDate(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  if (!match) return undefined;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

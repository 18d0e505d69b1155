/**
 * The subject of a follow-up step: its own if it has one, else the first message's with `Re: `
 * (once), so Gmail threads it with the earlier message alongside In-Reply-To/References.
 *
 * @example
 * followUpSubject('Quick question', null)       // 'Re: Quick question'
 * followUpSubject('RE: Quick question', null)   // 'RE: Quick question'
 * followUpSubject('Quick question', 'Bumping')  // 'Bumping'
 */
export function followUpSubject(original: string, own: string | null): string {
  return own ?? (/^re:/i.test(original) ? original : `Re: ${original}`);
}

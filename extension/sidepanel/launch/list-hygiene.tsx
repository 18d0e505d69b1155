import { useEffect, useRef, useState } from 'react';
import type { ListHygiene as Hygiene, ListHygieneKind } from '../../../shared/schemas/launch';
import { formatCount, formatPlural } from '../format';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import './list-hygiene.css';

/** Each kind in words, in the order shown: what will not arrive first. */
const KINDS: { kind: ListHygieneKind; forms: { one: string; other: string }; why: string }[] = [
  { kind: 'noMailDomain', forms: { one: 'address at a domain that receives no mail', other: 'addresses at domains that receive no mail' }, why: 'These would bounce.' },
  { kind: 'typo', forms: { one: 'likely typo', other: 'likely typos' }, why: 'Fix the address in the recipient list, or skip it.' },
  { kind: 'disposable', forms: { one: 'disposable address', other: 'disposable addresses' }, why: 'Throwaway inboxes nobody reads for long.' },
  { kind: 'role', forms: { one: 'role address (info@, sales@…)', other: 'role addresses (info@, sales@…)' }, why: 'Often read by nobody in particular; they complain more.' },
  { kind: 'unknown', forms: { one: 'address whose domain could not be checked', other: 'addresses whose domains could not be checked' }, why: 'DNS did not answer in time; they may be fine.' },
];

/**
 * What the last skip removed, per campaign: the preflight reloads after a skip and this component
 * mounts afresh with the new numbers, so the result is kept here to be said (and focused) once.
 */
const skipResults = new Map<string, string>();

/**
 * What the preflight found in the addresses it would send to, with examples, and "Skip these" per
 * kind: removes those waiting recipients from the campaign (after asking), then `onSkipped` reloads.
 */
export function ListHygiene({ hygiene, campaignId, onSkipped }: { hygiene: Hygiene; campaignId: string; onSkipped(): Promise<void> }) {
  const [asking, setAsking] = useState<ListHygieneKind | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(() => {
    const said = skipResults.get(campaignId) ?? null;
    skipResults.delete(campaignId);
    return said;
  });
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  // The question opened by "Skip these" takes the focus; so does the result once it is shown.
  useEffect(() => confirmRef.current?.focus(), [asking]);
  useEffect(() => doneRef.current?.focus(), [done]);

  const found = KINDS.filter(({ kind }) => hygiene[kind].count > 0);
  async function skip(kind: ListHygieneKind) {
    setBusy(true);
    setError(null);
    const result = await sendMessage({ type: 'recipients/skip-hygiene', campaignId, kinds: [kind] });
    setBusy(false);
    setAsking(null);
    if (!result.ok) return setError(result.error.message);
    const said = `Removed ${formatPlural(result.value.removed, { one: 'recipient', other: 'recipients' })} from the campaign.`;
    skipResults.set(campaignId, said);
    await onSkipped();
    // Nothing removed (another device was first): the numbers did not change and this stays mounted.
    if (result.value.removed === 0) {
      skipResults.delete(campaignId);
      setDone(said);
    }
  }

  return (
    <section className="stack list-hygiene" aria-labelledby="list-hygiene-title" data-testid="list-hygiene">
      <h3 className="list-hygiene__title" id="list-hygiene-title">
        Addresses to look at
      </h3>
      {found.length === 0 && <p className="muted">No address looks undeliverable, disposable, mistyped or like a role address.</p>}
      <ul className="list-hygiene__kinds">
        {found.map(({ kind, forms, why }) => {
          const { count, examples } = hygiene[kind];
          const label = formatPlural(count, forms);
          return (
            <li key={kind} data-testid={`hygiene-${kind}`}>
              <strong>{label}</strong> <span className="muted">{why}</span>
              <ul className="list-hygiene__examples">
                {examples.map((example) => (
                  <li key={example}>{example}</li>
                ))}
                {count > examples.length && <li className="muted">and {formatCount(count - examples.length)} more</li>}
              </ul>
              {asking === kind ? (
                <div className="row" role="group" aria-label={`Remove the ${label} from the campaign?`}>
                  {/* A plain button: the focus moves to it when the question opens. */}
                  <button ref={confirmRef} type="button" className="button button--primary" disabled={busy} aria-busy={busy || undefined} onClick={() => void skip(kind)} data-testid={`hygiene-confirm-${kind}`}>
                    {busy ? 'Removing…' : `Remove ${formatCount(count)} from the campaign`}
                  </button>
                  <Button type="button" variant="secondary" disabled={busy} onClick={() => setAsking(null)}>
                    Keep them
                  </Button>
                </div>
              ) : kind === 'unknown' ? null : (
                // Not for "could not be checked": DNS not answering says nothing against the addresses.
                <button type="button" className="link-button" aria-label={`Skip these: the ${label}`} onClick={() => setAsking(kind)} data-testid={`hygiene-skip-${kind}`}>
                  Skip these
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error && <InlineAlert message={error} />}
      {done && (
        <p ref={doneRef} tabIndex={-1} role="status" className="muted" data-testid="hygiene-done">
          {done}
        </p>
      )}
    </section>
  );
}

import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Suppression } from '../../../shared/schemas/suppressions';
import { formatDateTime } from '../format';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { Notice } from '../ui/notice';
import { StateMessage } from '../ui/state-message';
import { TextField } from '../ui/text-field';
import { listCountText, REASON_WORDS, REMOVAL_WARNING } from './suppression-words';
import './suppressions.css';

/**
 * The suppression list: addresses no campaign sends to (unsubscribed, bounced, or added by hand).
 * See, search, add and remove; removing asks first and says why it matters.
 */
export function SuppressionsScreen() {
  const [q, setQ] = useState('');
  const [typed, setTyped] = useState('');
  const [list, setList] = useState<Suppression[] | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const searchId = useId();
  const latest = useRef(0);
  const titleRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async (search: string) => {
    const request = ++latest.current;
    setLoading(true);
    const answer = await sendMessage({ type: 'suppressions/list', q: search || undefined });
    // A slower answer to an older search must not replace the newer one.
    if (request !== latest.current) return;
    setLoading(false);
    if (!answer.ok) return setError(answer.error.message);
    setError(null);
    setList(answer.value.suppressions);
  }, []);

  useEffect(() => void load(q), [load, q]);

  function search(event: FormEvent) {
    event.preventDefault();
    setQ(typed.trim());
  }

  return (
    <section className="stack" aria-labelledby="suppressions-title" data-testid="suppressions">
      <div className="stack">
        <h1 className="section-title" id="suppressions-title" ref={titleRef} tabIndex={-1}>
          Suppression list
        </h1>
        <p className="muted">
          No campaign sends to these addresses. People who unsubscribe or whose mail bounces are added for you; add anyone else who asked not to be contacted.
        </p>
      </div>
      {notice && (
        <Notice tone="success" testId="suppressions-notice">
          {notice}
        </Notice>
      )}
      <AddSuppression
        onAdded={(email) => {
          setNotice(`${email} was added.`);
          void load(q);
        }}
      />
      <form role="search" aria-label="Suppression list" className="suppression-search" onSubmit={search}>
        <div className="field suppression-search__field">
          <label className="field__label" htmlFor={searchId}>
            Search addresses
          </label>
          <input
            id={searchId}
            type="search"
            className="field__input"
            maxLength={254}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
              if (event.target.value === '' && q !== '') setQ('');
            }}
            data-testid="suppressions-search"
          />
        </div>
        <Button variant="secondary" type="submit">
          Search
        </Button>
      </form>
      {error && <InlineAlert message={error} testId="suppressions-error" />}
      {list === undefined && loading && <StateMessage kind="loading" title="Loading the suppression list…" />}
      {list !== undefined && (
        <p className="muted" role="status" data-testid="suppressions-count">
          {listCountText(list.length, q)}
        </p>
      )}
      {list !== undefined && list.length === 0 && !q && (
        <StateMessage kind="empty" title="Nobody is suppressed yet" testId="suppressions-empty">
          <p className="muted">Unsubscribes and bounces appear here as they happen.</p>
        </StateMessage>
      )}
      {list !== undefined && list.length > 0 && (
        <ul className="suppression-list">
          {list.map((suppression) => (
            <SuppressionItem
              key={suppression.email}
              suppression={suppression}
              onRemoved={() => {
                setNotice(`${suppression.email} was removed; campaigns can send to it again.`);
                setList((current) => current?.filter((s) => s.email !== suppression.email));
                // The focused button leaves with its row: focus goes to the top of the screen, where the notice is.
                titleRef.current?.focus();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function AddSuppression({ onAdded }: { onAdded(email: string): void }) {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return setError('Enter an email address');
    setBusy(true);
    const added = await sendMessage({ type: 'suppressions/add', email });
    setBusy(false);
    if (!added.ok) return setError(added.error.fields?.[0]?.message ?? added.error.message);
    setError(null);
    setEmail('');
    onAdded(added.value.email);
  }

  return (
    <form className="suppression-add" onSubmit={(event) => void add(event)} noValidate>
      <TextField
        label="Add an address"
        type="email"
        autoComplete="off"
        maxLength={254}
        value={email}
        invalid={error !== null}
        onChange={(event) => setEmail(event.target.value)}
        data-testid="suppressions-add-email"
      />
      <Button variant="secondary" type="submit" busy={busy} busyLabel="Adding…" data-testid="suppressions-add">
        Add to the list
      </Button>
      {error && <InlineAlert message={error} testId="suppressions-add-error" />}
    </form>
  );
}

function SuppressionItem({ suppression, onRemoved }: { suppression: Suppression; onRemoved(): void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const answered = useRef(false);
  const headingId = useId();

  // Focus moves to what the action opened: the question's answer button; "Keep it" returns it to Remove.
  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector('button')?.focus();
    else if (answered.current) removeRef.current?.focus();
  }, [confirming]);

  async function remove() {
    setBusy(true);
    const removed = await sendMessage({ type: 'suppressions/remove', email: suppression.email });
    setBusy(false);
    if (!removed.ok) return setError(removed.error.message);
    onRemoved();
  }

  return (
    <li className="suppression-item" data-testid="suppression-item">
      <div className="row row--between">
        <strong className="suppression-item__email" id={headingId}>
          {suppression.email}
        </strong>
        {!confirming && (
          <button ref={removeRef} type="button" className="link-button" aria-describedby={headingId} onClick={() => setConfirming(true)} data-testid="suppression-remove">
            Remove
          </button>
        )}
      </div>
      <p className="muted">
        {REASON_WORDS[suppression.reason]} · <time dateTime={suppression.createdAt}>{formatDateTime(suppression.createdAt)}</time>
      </p>
      {confirming && (
        <div ref={confirmRef} className="suppression-item__confirm" role="group" aria-label={`Remove ${suppression.email}?`} data-testid="suppression-confirm">
          <p>
            <strong>Remove {suppression.email} from the list?</strong> {REMOVAL_WARNING} Campaigns will be able to send to this address again.
          </p>
          <div className="row">
            <Button variant="primary" type="button" busy={busy} busyLabel="Removing…" onClick={() => void remove()} data-testid="suppression-remove-confirm">
              Remove
            </Button>
            <Button
              variant="secondary"
              type="button"
              disabled={busy}
              onClick={() => {
                answered.current = true;
                setConfirming(false);
              }}
              data-testid="suppression-keep"
            >
              Keep it
            </Button>
          </div>
          {error && <InlineAlert message={error} testId="suppression-remove-error" />}
        </div>
      )}
    </li>
  );
}

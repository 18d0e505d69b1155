import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { editableFields } from '../../../shared/schemas/campaign-editability';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { SwitchField } from '../ui/switch-field';
import { TextField } from '../ui/text-field';
import { AccountPicker } from './account-picker';
import { BodyEditor } from './body-editor';
import { draftFromCampaign, patchFromDraft, rebase, type Draft } from './editor-draft';
import { FollowUpFields } from './follow-up-fields';
import { MergeTagPicker } from './merge-tag-picker';
import { PreviewPane } from './preview-pane';
import { ScheduleFields } from './schedule-fields';
import { SyncConflictNotice } from './sync-conflict-notice';
import { TestSendForm } from './test-send-form';
import './campaign-editor.css';

interface CampaignEditorProps {
  campaign: Campaign;
  onSaved(campaign: Campaign): void;
  /** Fetches the campaign again (after a 409); the user's draft is kept. */
  onReload(): Promise<void>;
  onOpenAccounts(): void;
}

type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  /** Kept on this device: the server could not be reached; the background sends it when it can. */
  | { kind: 'queued' }
  | { kind: 'conflict' }
  | { kind: 'error'; message: string };

/**
 * Everything about a campaign's message and pace. Saves with PATCH and the version the user started
 * from: if it changed elsewhere the save is refused (409) and the draft stays on screen.
 */
export function CampaignEditor({ campaign, onSaved, onReload, onOpenAccounts }: CampaignEditorProps) {
  const [draft, setDraft] = useState<Draft>(() => draftFromCampaign(campaign));
  const [dirty, setDirty] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [syncChecks, setSyncChecks] = useState(0);
  const bodyRef = useRef<HTMLDivElement | null>(null);
  const subjectRef = useRef<HTMLInputElement | null>(null);
  const lastFocus = useRef<'subject' | 'body'>('body');
  const editable = editableFields(campaign.status);

  /** The fields the user changed since the last save: kept when a newer version arrives. */
  const touched = useRef(new Set<keyof Draft>());

  // A newer version from the server (a reload after a 409, a save) becomes the form, with the
  // user's unsaved changes laid over it, so nothing they typed is lost.
  useEffect(() => {
    setDraft((current) => rebase(draftFromCampaign(campaign), current, touched.current));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaign.version, campaign.id]);

  const change = (next: Partial<Draft>) => {
    for (const key of Object.keys(next) as Array<keyof Draft>) touched.current.add(key);
    setDraft((current) => ({ ...current, ...next }));
    setDirty(true);
    if (save.kind === 'saved' || save.kind === 'queued') setSave({ kind: 'idle' });
  };

  function insertTag(tag: string) {
    if (lastFocus.current === 'subject' && subjectRef.current) {
      const input = subjectRef.current;
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? start;
      change({ subject: `${input.value.slice(0, start)}${tag}${input.value.slice(end)}` });
      return;
    }
    bodyRef.current?.focus();
    // Fires an input event on the editable area, which reads the new HTML back.
    document.execCommand('insertText', false, tag);
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (save.kind === 'saving') return;
    const built = patchFromDraft(draft, campaign);
    if (!built.ok) return setSave({ kind: 'error', message: built.errors.map((e) => `${e.message}.`).join(' ') });
    if (!built.changed) {
      setDirty(false);
      return setSave({ kind: 'saved' });
    }
    setSave({ kind: 'saving' });
    const saved = await sendMessage({ type: 'campaigns/patch', id: campaign.id, patch: built.patch });
    setSyncChecks((n) => n + 1);
    if (!saved.ok) {
      return setSave(saved.error.code === 'version-conflict' ? { kind: 'conflict' } : { kind: 'error', message: saved.error.message });
    }
    touched.current.clear();
    setDirty(false);
    setSave({ kind: saved.value.queued ? 'queued' : 'saved' });
    onSaved(saved.value.campaign);
  }

  // Ctrl/Cmd+S saves, as in every editor.
  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      void submit();
    }
  };

  const lockedBefore = (campaign.progress?.steps ?? []).reduce((max, step) => (step.step > 0 && step.sent + step.queued > 0 ? Math.max(max, step.step) : max), 0);

  return (
    <div className="stack">
      <SyncConflictNotice campaignId={campaign.id} refreshKey={syncChecks} onResolved={onReload} />
      <form className="stack editor" onSubmit={submit} onKeyDown={onKeyDown} noValidate data-testid="campaign-editor">
        {campaign.status !== 'draft' && (
          <p className="muted">Launched: the message, senders and tracking are fixed now; the name, pace and follow-ups not yet started can change.</p>
        )}
        <TextField label="Campaign name" value={draft.name} maxLength={200} disabled={!editable.has('name')} onChange={(event) => change({ name: event.target.value })} data-testid="editor-name" />
        <TextField
          ref={subjectRef}
          label="Subject"
          value={draft.subject}
          maxLength={998}
          disabled={!editable.has('subject')}
          onFocus={() => (lastFocus.current = 'subject')}
          onChange={(event) => change({ subject: event.target.value })}
          data-testid="editor-subject"
        />
        <MergeTagPicker fields={campaign.fields} disabled={!editable.has('html')} onInsert={insertTag} />
        <div onFocus={() => (lastFocus.current = 'body')}>
          <BodyEditor label="Message" html={draft.html} disabled={!editable.has('html')} onChange={(html) => change({ html })} editorRef={bodyRef} testId="editor-body" />
        </div>
        <AccountPicker selected={draft.accountIds} disabled={!editable.has('accountIds')} onChange={(accountIds) => change({ accountIds })} onOpenAccounts={onOpenAccounts} />
        <details className="editor__more" data-testid="editor-more">
          <summary>
            Schedule, pace, tracking and follow-ups
            <span className="muted editor__more-summary">{settingsSummary(draft)}</span>
          </summary>
          <div className="stack">
            <ScheduleFields draft={draft} disabled={!editable.has('schedule')} onChange={change} />
            <fieldset className="group" disabled={!editable.has('tracking')}>
              <legend>Tracking and unsubscribe</legend>
              <SwitchField label="Count opens" hint="A pixel; Apple Mail and Gmail's proxy open it too, counted apart as machine opens." checked={draft.trackOpens} onChange={(trackOpens) => change({ trackOpens })} testId="track-opens" />
              <SwitchField label="Count clicks" hint="Links go through your server first." checked={draft.trackClicks} onChange={(trackClicks) => change({ trackClicks })} testId="track-clicks" />
              <SwitchField label="One-click unsubscribe" hint="Gmail asks bulk senders for it (RFC 8058); leave it on." checked={draft.unsubscribe} onChange={(unsubscribe) => change({ unsubscribe })} testId="unsubscribe" />
            </fieldset>
            <FollowUpFields followUps={draft.followUps} lockedBefore={lockedBefore} disabled={!editable.has('followUps')} onChange={(followUps) => change({ followUps })} />
          </div>
        </details>
        <div className="editor__savebar">
          {save.kind === 'conflict' && (
            <div className="alert" role="alert" data-testid="editor-conflict">
              This campaign was changed elsewhere. Your text is still here.{' '}
              <button type="button" className="link-button" onClick={() => void onReload().then(() => setSave({ kind: 'idle' }))} data-testid="editor-reload">
                Reload the latest version
              </button>
              , then save again to keep your changes.
            </div>
          )}
          {save.kind === 'error' && <InlineAlert message={save.message} testId="editor-error" />}
          <div className="row row--between">
            <span className="muted" aria-live="polite" data-testid="editor-save-state">
              {save.kind === 'saving'
                ? 'Saving…'
                : save.kind === 'queued' && !dirty
                  ? 'Saved on this device: the server cannot be reached, it will be sent when it can'
                  : save.kind === 'saved' && !dirty
                    ? 'All changes saved'
                    : dirty
                      ? 'Unsaved changes'
                      : ''}
            </span>
            <Button type="submit" variant="primary" className="button--inline" busy={save.kind === 'saving'} busyLabel="Saving…" data-testid="editor-save">
              Save
            </Button>
          </div>
        </div>
      </form>
      <PreviewPane campaign={campaign} testSend={(recipient) => <TestSendForm campaign={campaign} recipient={recipient} />} />
    </div>
  );
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** One line that says what the folded settings are, e.g. "Mon–Fri 09:00–17:00 Europe/Paris · 1 follow-up". */
function settingsSummary(draft: Draft): string {
  const days = [...draft.days].sort((a, b) => a - b);
  const dayText =
    days.length === 7 ? 'Every day' : days.join() === '1,2,3,4,5' ? 'Mon–Fri' : days.map((day) => DAY_NAMES[day - 1]).join(', ');
  const followUps = draft.followUps.length === 0 ? 'no follow-up' : `${draft.followUps.length} follow-up${draft.followUps.length === 1 ? '' : 's'}`;
  return `${dayText} ${draft.windowStart}–${draft.windowEnd} ${draft.timezone} · ${followUps}`;
}

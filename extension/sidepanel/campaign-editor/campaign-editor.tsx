import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { editableFields } from '../../../shared/schemas/campaign-editability';
import type { Campaign } from '../../../shared/schemas/campaigns';
import { sendMessage } from '../send-message';
import { Button } from '../ui/button';
import { InlineAlert } from '../ui/inline-alert';
import { SwitchField } from '../ui/switch-field';
import { TextField } from '../ui/text-field';
import { AccountPicker } from './account-picker';
import { ConsentField } from './consent-field';
import { draftFromCampaign, patchFromDraft, rebase, type Draft } from './editor-draft';
import { formatPlural } from '../format';
import { parsePlace } from '../launch/missing-field-place';
import { MergeTagPicker } from '../rich-text/merge-tag-picker';
import { RichTextEditor } from '../rich-text/lazy-rich-text-editor';
import type { RichTextHandle } from '../rich-text/rich-text-editor';
import { FilesSection } from './files/files-section';
import { FollowUpFields, type FollowUpTargets } from './follow-up-fields';
import { fixedHint, launchedNotice } from './launched-notice';
import { PreviewPane } from './preview-pane';
import { ScheduleFields } from './schedule-fields';
import { SyncConflictNotice } from './sync-conflict-notice';
import { TestSendForm } from './test-send-form';
import { AbTestFields } from './variants/ab-test-fields';
import { addVariant, editVariant, hasText, removeVariant, variantOf } from './variants/variant-draft';
import { variantLetter } from './variants/variant-limits';
import { VariantTabs } from './variants/variant-tabs';
import './campaign-editor.css';
import { announceQueuedEdit } from '../use-sync-status';

interface CampaignEditorProps {
  campaign: Campaign;
  onSaved(campaign: Campaign): void;
  /** Fetches the campaign again (after a 409); the user's draft is kept. */
  onReload(): Promise<void>;
  onOpenAccounts(): void;
  /**
   * A place to take the user to (from the Launch tab's missing fields, see
   * launch/missing-field-place.ts); a new object each time, so the same place can be asked twice.
   */
  goTo?: { place: string } | null;
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
export function CampaignEditor({ campaign, onSaved, onReload, onOpenAccounts, goTo = null }: CampaignEditorProps) {
  const [draft, setDraft] = useState<Draft>(() => draftFromCampaign(campaign));
  const [dirty, setDirty] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [syncChecks, setSyncChecks] = useState(0);
  const body = useRef<RichTextHandle | null>(null);
  const subjectRef = useRef<HTMLInputElement | null>(null);
  const settings = useRef<HTMLDetailsElement | null>(null);
  const followUpTargets = useRef<FollowUpTargets>({ subjects: new Map(), editors: new Map() }).current;
  const lastFocus = useRef<'subject' | 'body'>('body');
  const [previewStep, setPreviewStep] = useState(0);
  /** The step's A/B variant previewed (0: A); undefined: the one the recipient shown gets. */
  const [previewVariant, setPreviewVariant] = useState<number | undefined>(undefined);
  /** The first message's variant being edited (0: A). */
  const [variantTab, setVariantTab] = useState(0);
  const [filesChanged, setFilesChanged] = useState(0);
  const previewHeading = useRef<HTMLHeadingElement | null>(null);
  const editable = editableFields(campaign.status);
  const fixed = fixedHint(campaign.status);

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

  const variantCount = draft.variants.length + 1;
  const shownVariant = Math.min(variantTab, variantCount - 1);
  const variant = variantOf(draft, shownVariant);
  const variantWord = variantCount > 1 ? ` (variant ${variantLetter(shownVariant)})` : '';
  /** Writes into the first message's variant on screen (A: its own subject and body). */
  const changeVariant = (next: { subject?: string; html?: string }) => change(editVariant(draft, shownVariant, next));

  function insertTag(tag: string) {
    if (lastFocus.current === 'subject' && subjectRef.current) {
      const input = subjectRef.current;
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? start;
      changeVariant({ subject: `${input.value.slice(0, start)}${tag}${input.value.slice(end)}` });
      return;
    }
    body.current?.insertTag(tag);
  }

  // "Go to …" from the Launch tab: the field, or the link editor open on that very link (issue 14).
  useEffect(() => {
    // Once per request: coming back to this tab later must not jump there again.
    if (!goTo || handledGoTos.has(goTo)) return;
    handledGoTos.add(goTo);
    const place = parsePlace(goTo.place);
    if (!place) return;
    const index = place.step - 1;
    // A place in an A/B variant: its tab first (the step's own subject and body are A).
    if (place.step === 0) setVariantTab(place.variant ?? 0);
    else followUpTargets.selectVariant?.(index, place.variant ?? 0);
    if (place.step > 0) {
      // The follow-ups are inside the folded settings; the preview shows the same step.
      if (settings.current) settings.current.open = true;
      setPreviewStep(place.step);
    }
    const editor = () => (place.step === 0 ? body.current : followUpTargets.editors.get(index));
    const subject = () => (place.step === 0 ? subjectRef.current : followUpTargets.subjects.get(index));
    // The editor is loaded on first use (lazy-rich-text-editor.tsx): go there once it is on screen,
    // a frame on, once the tab asked for above has replaced the variant's editor.
    requestAnimationFrame(() =>
      whenReady(place.part === 'subject' ? subject : editor, () => {
        if (place.part === 'subject') subject()?.focus();
        else if (place.part === 'link') {
          if (!editor()?.openLink(place.address)) editor()?.focus();
        } else editor()?.focus();
      }),
    );
  }, [goTo, followUpTargets]);

  function previewFollowUp(step: number, variant: number) {
    setPreviewStep(step);
    setPreviewVariant(variant);
    previewHeading.current?.focus();
    previewHeading.current?.scrollIntoView({ block: 'start' });
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
    if (saved.value.queued) announceQueuedEdit();
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
        {launchedNotice(campaign.status) && (
          <p className="muted" role="note" data-testid="editor-launched-notice">
            {launchedNotice(campaign.status)}
          </p>
        )}
        <TextField label="Campaign name" value={draft.name} maxLength={200} disabled={!editable.has('name')} onChange={(event) => change({ name: event.target.value })} data-testid="editor-name" />
        <VariantTabs
          step="First message"
          idPrefix="variant"
          count={variantCount}
          selected={shownVariant}
          disabled={!editable.has('html')}
          onSelect={(index) => {
            setVariantTab(index);
            // The preview of the first message follows the variant being written.
            if (previewStep === 0) setPreviewVariant(index);
          }}
          onAdd={() => {
            change(addVariant(draft));
            setVariantTab(variantCount);
          }}
          onRemove={(index) => {
            const next = removeVariant(draft, index);
            // The test goes with the variants it picks between.
            change(next.variants?.length === 0 ? { ...next, abTest: null } : next);
            setVariantTab(Math.max(0, index - 1));
          }}
          hasText={(index) => hasText(variantOf(draft, index))}
        >
          <TextField
            ref={subjectRef}
            label={`Subject${variantWord}`}
            value={variant.subject}
            maxLength={998}
            // Read-only, not disabled: still readable, selectable and announced as read-only.
            readOnly={!editable.has('subject')}
            hint={editable.has('subject') ? undefined : fixed}
            onFocus={() => (lastFocus.current = 'subject')}
            onChange={(event) => changeVariant({ subject: event.target.value })}
            data-testid="editor-subject"
          />
          <MergeTagPicker fields={campaign.fields} disabled={!editable.has('html')} onInsert={insertTag} />
          <RichTextEditor
            // One editor per variant shown: its undo history never crosses into another variant.
            key={shownVariant}
            label={`Message${variantWord}`}
            html={variant.html}
            readOnly={!editable.has('html')}
            readOnlyHint={fixed}
            fields={campaign.fields}
            onChange={(html) => changeVariant({ html })}
            onFocus={() => (lastFocus.current = 'body')}
            handle={body}
            testId="editor-body"
          />
        </VariantTabs>
        {variantCount > 1 && (
          <AbTestFields count={variantCount} value={draft.abTest} disabled={!editable.has('html')} onChange={(abTest) => change({ abTest })} />
        )}
        <FilesSection
          key={campaign.id}
          campaignId={campaign.id}
          editable={campaign.status === 'draft'}
          fields={campaign.fields}
          attachmentField={draft.attachmentField}
          onAttachmentField={campaign.attachmentField === undefined ? undefined : (attachmentField) => change({ attachmentField })}
          onFilesChanged={() => setFilesChanged((n) => n + 1)}
        />
        <AccountPicker selected={draft.accountIds} disabled={!editable.has('accountIds')} onChange={(accountIds) => change({ accountIds })} onOpenAccounts={onOpenAccounts} />
        <details ref={settings} className="editor__more" data-testid="editor-more">
          <summary>
            Schedule, pace, tracking and follow-ups
            <span className="muted editor__more-summary">{settingsSummary(draft)}</span>
          </summary>
          <div className="stack">
            <ScheduleFields draft={draft} fields={campaign.fields} disabled={!editable.has('schedule')} onChange={change} />
            <fieldset className="group" disabled={!editable.has('tracking')}>
              <legend>Tracking and unsubscribe{editable.has('tracking') ? '' : ` (${fixed.toLowerCase().replace(/\.$/, '')})`}</legend>
              <SwitchField label="Count opens" hint="A pixel; Apple Mail and Gmail's proxy open it too, counted apart as machine opens." checked={draft.trackOpens} onChange={(trackOpens) => change({ trackOpens })} testId="track-opens" />
              <SwitchField label="Count clicks" hint="Links go through your server first." checked={draft.trackClicks} onChange={(trackClicks) => change({ trackClicks })} testId="track-clicks" />
              <ConsentField fields={campaign.fields} value={draft.consentField} onChange={(consentField) => change({ consentField })} />
              <SwitchField
                label="One-click unsubscribe"
                // RFC 8058 one-click needs an https URL; Gmail ignores an http one.
                hint="Gmail asks bulk senders for it (RFC 8058); leave it on. It works only when the server's PUBLIC_URL is https: Gmail ignores one-click links over http."
                checked={draft.unsubscribe}
                onChange={(unsubscribe) => change({ unsubscribe })}
                testId="unsubscribe"
              />
            </fieldset>
            <FollowUpFields
              followUps={draft.followUps}
              fields={campaign.fields}
              lockedBefore={lockedBefore}
              disabled={!editable.has('followUps')}
              lockedHint={fixed}
              targets={followUpTargets}
              onChange={(followUps) => change({ followUps })}
              onPreview={previewFollowUp}
            />
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
      <PreviewPane
        campaign={campaign}
        step={Math.min(previewStep, campaign.followUps.length)}
        onStep={(step) => {
          setPreviewStep(step);
          setPreviewVariant(undefined);
        }}
        variant={previewVariant}
        onVariant={setPreviewVariant}
        headingRef={previewHeading}
        refreshKey={filesChanged}
        testSend={(recipient, step, variant) => <TestSendForm campaign={campaign} recipient={recipient} step={step} variant={variant} />}
      />
    </div>
  );
}

const handledGoTos = new WeakSet<object>();

/** Runs `then` on the first animation frame where `ready()` has something (for at most ~5 s of frames). */
function whenReady(ready: () => unknown, then: () => void, frames = 300): void {
  if (ready()) then();
  else if (frames > 0) requestAnimationFrame(() => whenReady(ready, then, frames - 1));
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** One line that says what the folded settings are, e.g. "Mon–Fri 09:00–17:00 Europe/Paris · 1 follow-up". */
function settingsSummary(draft: Draft): string {
  const days = [...draft.days].sort((a, b) => a - b);
  const dayText =
    days.length === 7 ? 'Every day' : days.join() === '1,2,3,4,5' ? 'Mon–Fri' : days.map((day) => DAY_NAMES[day - 1]).join(', ');
  const followUps = draft.followUps.length === 0 ? 'no follow-up' : formatPlural(draft.followUps.length, { one: 'follow-up', other: 'follow-ups' });
  return `${dayText} ${draft.windowStart}–${draft.windowEnd} ${draft.timezone} · ${followUps}`;
}

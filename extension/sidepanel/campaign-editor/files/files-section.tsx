import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { Attachment, AttachmentList } from '../../../../shared/schemas/attachments';
import { formatSize } from '../../../../shared/lib/format-size';
import { formatPlural } from '../../format';
import { sendMessage } from '../../send-message';
import { Button } from '../../ui/button';
import { InlineAlert } from '../../ui/inline-alert';
import { InlineDialog } from '../../ui/inline-dialog';
import { ProgressBar } from '../../ui/progress-bar';
import { AttachmentField } from './attachment-field';
import { emptyFile, fileErrorMessage, sizeSummary, tooBigBeforeSending, whoGetsIt } from './files-wording';
import { sendFile } from './send-file';
import './files.css';

interface FilesSectionProps {
  campaignId: string;
  /** Files change only while the campaign is a draft (the server refuses otherwise). */
  editable: boolean;
  /** The campaign's imported columns, for the per-recipient file column. */
  fields: readonly string[];
  /** The column naming each recipient's own file (the editor's draft; saved with the campaign). */
  attachmentField: string | null;
  /** Absent: the server does not know per-recipient files yet, so the picker is not shown. */
  onAttachmentField?: (field: string | null) => void;
  /** After a file was added or removed: the preview lists the files a recipient gets. */
  onFilesChanged?: () => void;
}

type Upload = { name: string; sent: number; total: number; toServer: boolean; index: number; count: number };

/**
 * The campaign's files (issue 18): add (button or drop), list with sizes and who gets each, remove
 * after a confirmation, progress while uploading, and the largest message against Gmail's 25 MB.
 * Every change goes straight to the server through the background; nothing is queued offline.
 */
export function FilesSection({ campaignId, editable, fields, attachmentField, onAttachmentField, onFilesChanged }: FilesSectionProps) {
  const [list, setList] = useState<AttachmentList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [shared, setShared] = useState(true);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [busyRemoving, setBusyRemoving] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLInputElement | null>(null);
  const addRow = useRef<HTMLDivElement | null>(null);
  const titleId = useId();

  const load = useCallback(async () => {
    const result = await sendMessage({ type: 'attachments/list', campaignId });
    if (result.ok) {
      setList(result.value);
      setLoadError(null);
    } else setLoadError(fileErrorMessage(result.error));
    return result.ok;
  }, [campaignId]);

  useEffect(() => {
    void load();
  }, [load]);

  // A file dropped beside the section would make the panel open it in place of the panel itself
  // (the browser's default for a dropped file): only the section takes files.
  useEffect(() => {
    const refuse = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files') && !event.defaultPrevented) event.preventDefault();
    };
    window.addEventListener('dragover', refuse);
    window.addEventListener('drop', refuse);
    return () => {
      window.removeEventListener('dragover', refuse);
      window.removeEventListener('drop', refuse);
    };
  }, []);

  async function add(files: readonly File[]) {
    if (!list || upload || files.length === 0) return;
    setError(null);
    const problems: string[] = [];
    let added = 0;
    for (const [index, file] of files.entries()) {
      const early = emptyFile(file) ?? tooBigBeforeSending(file, list.maxMessageBytes);
      if (early) {
        problems.push(early);
        continue;
      }
      setUpload({ name: file.name, sent: 0, total: file.size, toServer: false, index: index + 1, count: files.length });
      const sent = await sendFile(campaignId, file, shared, (bytes, toServer) => setUpload((now) => (now ? { ...now, sent: bytes, toServer } : now)));
      if (sent.ok) added += 1;
      else problems.push(fileErrorMessage(sent.error, file.name));
    }
    setUpload(null);
    if (problems.length > 0) setError(problems.join(' '));
    if (added > 0) {
      onFilesChanged?.();
      await load();
      setAnnouncement(`${formatPlural(added, { one: 'file', other: 'files' })} added.`);
    }
  }

  async function remove(attachment: Attachment) {
    setBusyRemoving(true);
    const removed = await sendMessage({ type: 'attachments/remove', campaignId, attachmentId: attachment.id });
    setBusyRemoving(false);
    setRemoving(null);
    if (!removed.ok && removed.error.code !== 'not-found') {
      setError(fileErrorMessage(removed.error, attachment.filename));
      return;
    }
    setError(null);
    onFilesChanged?.();
    await load();
    setAnnouncement(`${attachment.filename} removed.`);
    // The removed row's button is gone: give the focus to "Add files" rather than the page's top.
    addRow.current?.querySelector('button')?.focus();
  }

  /** "Keep it" (or Escape): the focus goes back to that file's Remove button, where the question came from. */
  function keep() {
    const id = removing?.id;
    setRemoving(null);
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-attachment-id="${id}"] [data-testid="file-remove"]`)?.focus());
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (editable) void add([...event.dataTransfer.files]);
  };
  const onDragOver = (event: DragEvent) => {
    if (!editable || !event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  const perRecipient = list?.attachments.some((attachment) => !attachment.shared) ?? false;

  return (
    <section
      className={`group files${dragging ? ' files--dragging' : ''}`}
      aria-labelledby={titleId}
      onDragOver={onDragOver}
      // Leaving for one of its own children is still inside the section.
      onDragLeave={(event) => !event.currentTarget.contains(event.relatedTarget as Node | null) && setDragging(false)}
      onDrop={onDrop}
      data-testid="files-section"
    >
      <h3 className="section-title" id={titleId}>
        Files
      </h3>
      {loadError && !list ? (
        <div className="stack">
          <InlineAlert message={loadError} testId="files-load-error" />
          <Button type="button" variant="secondary" className="button--inline" onClick={() => void load()} data-testid="files-retry">
            Try again
          </Button>
        </div>
      ) : !list ? (
        <p className="muted" role="status" data-testid="files-loading">
          Loading files…
        </p>
      ) : (
        <>
          {list.attachments.length === 0 ? (
            <p className="muted" data-testid="files-empty">
              {editable ? 'No files. Add one, or drop it here: every message carries it, or only the recipient it is named for.' : 'No files.'}
            </p>
          ) : (
            <ul className="files__list" data-testid="files-list">
              {list.attachments.map((attachment) => (
                <li key={attachment.id} className="files__item" data-attachment-id={attachment.id} data-testid="file-row">
                  <span className="files__name" data-testid="file-name">
                    {attachment.filename}
                  </span>
                  <span className="muted files__meta">
                    <span data-testid="file-size">{formatSize(attachment.size)}</span> · <span data-testid="file-who">{whoGetsIt(attachment, attachmentField)}</span>
                  </span>
                  {editable && (
                    <button
                      type="button"
                      className="link-button files__remove"
                      aria-label={`Remove ${attachment.filename}`}
                      disabled={upload !== null || busyRemoving}
                      onClick={() => setRemoving(attachment)}
                      data-testid="file-remove"
                    >
                      Remove
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {removing && (
            <InlineDialog
              title={`Remove ${removing.filename}?`}
              tone="danger"
              onCancel={keep}
              testId="file-remove-dialog"
              actions={
                <>
                  <Button type="button" variant="secondary" onClick={keep} data-autofocus data-testid="file-remove-keep">
                    Keep it
                  </Button>
                  <Button type="button" variant="primary" busy={busyRemoving} busyLabel="Removing…" onClick={() => void remove(removing)} data-testid="file-remove-confirm">
                    Remove
                  </Button>
                </>
              }
            >
              It is deleted from your server; to send it again, add it again from this computer.
            </InlineDialog>
          )}
          {list.attachments.length > 0 && (
            <p className="muted files__total" data-testid="files-total">
              {sizeSummary(list)}
            </p>
          )}
          {upload && (
            <div className="stack files__progress" data-testid="file-progress">
              <ProgressBar value={upload.sent} max={upload.total} label={`Uploading ${upload.name}`} />
              <span className="muted" role="status">
                {upload.count > 1 ? `${upload.index} of ${upload.count}: ` : ''}
                {upload.toServer
                  ? `Uploading ${upload.name}: sending it to your server…`
                  : `Uploading ${upload.name}: ${formatSize(upload.sent)} of ${formatSize(upload.total)}`}
              </span>
            </div>
          )}
          {editable ? (
            <div className="stack">
              <fieldset className="files__who" disabled={upload !== null}>
                <legend className="field__label">New files go to</legend>
                <label className="files__choice">
                  <input type="radio" name={`${titleId}-shared`} checked={shared} onChange={() => setShared(true)} data-testid="files-shared" /> every recipient
                </label>
                <label className="files__choice">
                  <input type="radio" name={`${titleId}-shared`} checked={!shared} onChange={() => setShared(false)} data-testid="files-per-recipient" /> only the recipient whose
                  column names the file
                </label>
              </fieldset>
              {onAttachmentField && (!shared || perRecipient || attachmentField !== null) && (
                <AttachmentField fields={fields} value={attachmentField} onChange={onAttachmentField} />
              )}
              <div className="row" ref={addRow}>
                <Button type="button" variant="secondary" className="button--inline" disabled={upload !== null} onClick={() => input.current?.click()} data-testid="files-add">
                  Add files…
                </Button>
                <span className="muted files__drop-hint" aria-hidden="true">
                  or drop them here
                </span>
              </div>
              <input
                ref={input}
                type="file"
                multiple
                hidden
                onChange={(event) => {
                  const chosen = [...(event.target.files ?? [])];
                  event.target.value = '';
                  void add(chosen);
                }}
                data-testid="files-input"
              />
            </div>
          ) : (
            <p className="muted" role="note">
              Files can change only while the campaign is a draft: its messages carry the files they had at launch.
            </p>
          )}
          {error && <InlineAlert message={error} testId="files-error" />}
          <span className="visually-hidden" aria-live="polite">
            {announcement}
          </span>
        </>
      )}
    </section>
  );
}

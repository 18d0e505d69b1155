import type { PreflightAttachments } from '../../../shared/schemas/attachments';
import { preflightFilesLine } from '../campaign-editor/files/recipient-files-wording';

/** How many recipients the list shows; the server sends up to 100, the count says the rest. */
const SHOWN = 5;

/** The campaign's files at launch (issue 18): the largest message, and recipients whose named file is missing. */
export function PreflightFiles({ attachments }: { attachments: PreflightAttachments }) {
  const line = preflightFilesLine(attachments);
  if (!line) return null;
  const shown = attachments.missingRecipients.slice(0, SHOWN);
  return (
    <div className="stack" data-testid="preflight-files">
      <p className="muted">{line}</p>
      {shown.length > 0 && (
        <ul className="muted" aria-label="Recipients whose file is missing" data-testid="preflight-files-missing">
          {shown.map((recipient) => (
            <li key={recipient.id}>
              {recipient.email}: {recipient.filename}
            </li>
          ))}
          {attachments.missing > shown.length && <li>and {attachments.missing - shown.length} more</li>}
        </ul>
      )}
    </div>
  );
}

import type { gmail_v1 } from '@googleapis/gmail';
import type { NormalisedFields } from '../../../../shared/merge';
import { missingFileReason } from '../../../../shared/schemas/skip-reasons';
import { launchedRecipientFiles } from '../../attachments/launched-files';
import type { AppDeps } from '../../deps';
import { buildMessage, type BuiltMessage, type MessageInput } from './build-message';
import { sendRaw } from './send-raw';

export type CampaignMessageResult =
  | { kind: 'sent'; message: BuiltMessage; data: gmail_v1.Schema$Message }
  /** Not sent: the recipient's attachment field names a file the campaign does not have. */
  | { kind: 'skip'; reason: string };

/**
 * One campaign message, built with the files this recipient gets (attachments/recipient-files.ts;
 * only their bytes are read, attachments/launched-files.ts) and sent by the path its size needs
 * (send-raw.ts). A recipient whose named file is missing is
 * skipped, never sent without it: the preflight blocks such a launch, so this is a recipient added
 * after it.
 */
export async function sendCampaignMessage(
  deps: Pick<AppDeps, 'db'>,
  gmail: gmail_v1.Gmail,
  input: {
    campaign: { id: string; attachmentField: string | null };
    fields: NormalisedFields;
    message: Omit<MessageInput, 'attachments'>;
    threadId: string | undefined;
    timeoutMs: number;
  },
): Promise<CampaignMessageResult> {
  const files = await launchedRecipientFiles(deps, input.campaign, input.fields);
  if (!files.ok) {
    return { kind: 'skip', reason: missingFileReason(input.campaign.attachmentField ?? '', files.filename) };
  }
  const message = await buildMessage({
    ...input.message,
    attachments: files.files.map((file) => ({ filename: file.filename, contentType: file.contentType, content: file.data })),
  });
  const { data } = await sendRaw(gmail, { bytes: message.bytes, raw: message.raw, threadId: input.threadId }, { timeout: input.timeoutMs });
  return { kind: 'sent', message, data };
}

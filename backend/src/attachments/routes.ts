import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { attachmentUploadFieldsSchema, GMAIL_MESSAGE_MAX_BYTES, type AttachmentList } from '../../../shared/schemas/attachments';
import type { AuthedEnv } from '../app-env';
import { authenticate } from '../auth/authenticate';
import type { campaigns } from '../db/schema';
import type { AppDeps } from '../deps';
import { ProblemError } from '../http/problem';
import { newId } from '../lib/random';
import { attachmentFilename } from './attachment-name';
import { deleteAttachment, insertAttachment, listAttachments, toAttachment } from './attachment-store';
import { campaignLargestMessage } from './campaign-size';
import { contentTypeOf } from './content-type';
import { launchUnderWay } from './launch-mark';
import { encodedFileBytes, MAX_FILE_BYTES, tooLargeForGmail } from './message-size';

/** The multipart envelope around the file: boundaries, part headers, the `shared` field. */
const ENVELOPE_BYTES = 64 * 1024;
const MAX_BODY_BYTES = MAX_FILE_BYTES + ENVELOPE_BYTES;

/**
 * `/api/campaigns/:id/attachments`: a campaign's files (shared/schemas/attachments.ts). Mounted
 * before the app's 1 MB body limit with a limit of its own: the largest file that could fit in a
 * 25 MB message, refused by Content-Length before reading and by counting while it streams.
 *
 * Files change only while the campaign is a draft: a launched campaign's messages must all carry
 * what the first ones carried, and the engine keeps a launched campaign's files in memory.
 */
type CampaignRow = typeof campaigns.$inferSelect;

/**
 * `ownedCampaign` is campaigns/owned-campaign.ts, passed in by the app: campaigns' preflight and
 * preview use this folder's rules, so this folder must not import campaigns back.
 */
export function attachmentsApi(deps: AppDeps, ownedCampaign: (deps: AppDeps, userId: string, id: string) => Promise<CampaignRow>) {
  const app = new Hono<AuthedEnv>();
  // Scoped to these paths: mounted beside the campaigns API, it must not authenticate its routes twice.
  app.use('/:id/attachments', authenticate(deps));
  app.use('/:id/attachments/*', authenticate(deps));

  const owned = (c: Context<AuthedEnv>) => ownedCampaign(deps, c.get('user').id, c.req.param('id')!);

  app.get('/:id/attachments', async (c) => {
    const campaign = await owned(c);
    const files = await listAttachments(deps, campaign.id);
    return c.json({
      attachments: files.map(toAttachment),
      largestMessageBytes: campaignLargestMessage(campaign, files),
      maxMessageBytes: GMAIL_MESSAGE_MAX_BYTES,
    } satisfies AttachmentList);
  });

  app.post(
    '/:id/attachments',
    async (c, next) => {
      const mediaType = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (mediaType !== 'multipart/form-data') {
        throw new ProblemError('unsupported-media-type', { detail: 'Send the file as multipart/form-data, in the field "file".' });
      }
      const declared = Number(c.req.header('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw fileTooLarge(encodedFileBytes(declared - ENVELOPE_BYTES, ''), true);
      await next();
    },
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw fileTooLarge(GMAIL_MESSAGE_MAX_BYTES + 1, true); } }),
    async (c) => {
      const campaign = await owned(c);
      assertDraft(campaign, deps.clock.now());
      const { file, shared } = await readUpload(c);
      const named = attachmentFilename(file.name);
      if (!named.ok) throw invalidFile(named.message);
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (bytes.length === 0) throw invalidFile('The file is empty');

      const existing = await listAttachments(deps, campaign.id);
      if (existing.some((other) => other.filename === named.filename)) throw duplicate(named.filename);
      const largest = campaignLargestMessage(campaign, [...existing, { filename: named.filename, size: bytes.length, shared }]);
      if (largest > GMAIL_MESSAGE_MAX_BYTES) throw fileTooLarge(largest, shared);

      const row = {
        id: newId('att'),
        userId: campaign.userId,
        campaignId: campaign.id,
        filename: named.filename,
        contentType: contentTypeOf(named.filename),
        size: bytes.length,
        sha256: await sha256Hex(bytes),
        shared,
        data: bytes,
        createdAt: deps.clock.now(),
      };
      const stored = await insertAttachment(deps, row);
      if (stored === 'duplicate') throw duplicate(named.filename);
      // A launch began while the body was read: the same refusal as before it.
      if (stored === 'not-editable') assertDraft(await owned(c), row.createdAt, { launching: true });
      return c.json(toAttachment(row), 201);
    },
  );

  app.delete('/:id/attachments/:attachmentId', async (c) => {
    const campaign = await owned(c);
    const now = deps.clock.now();
    assertDraft(campaign, now);
    const removed = await deleteAttachment(deps, campaign.userId, campaign.id, c.req.param('attachmentId'), now);
    if (removed === 'not-editable') assertDraft(await owned(c), now, { launching: true });
    if (removed === 'not-found') throw new ProblemError('not-found', { detail: 'The campaign has no file with this id.' });
    return c.body(null, 204);
  });

  return app;
}

/** The one `file` part and the `shared` field; anything else is a 400 naming the field. */
async function readUpload(c: Context<AuthedEnv>): Promise<{ file: File; shared: boolean }> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    throw new ProblemError('malformed-body', { detail: 'The multipart/form-data body could not be read.' });
  }
  const files: File[] = [];
  const fields: Record<string, string> = {};
  const errors: { field: string; message: string }[] = [];
  for (const [key, value] of form.entries()) {
    if (!key.isWellFormed()) errors.push({ field: 'form', message: 'A field name contains a broken character' });
    else if (key === 'file') {
      if (typeof value === 'string') errors.push({ field: 'file', message: 'Send the file as a file part, not as text' });
      else files.push(value);
    } else if (typeof value !== 'string') errors.push({ field: key, message: 'Only "file" may hold a file' });
    else if (key in fields) errors.push({ field: key, message: 'Sent more than once' });
    else fields[key] = value;
  }
  if (files.length === 0 && !errors.some((e) => e.field === 'file')) errors.push({ field: 'file', message: 'Choose a file to upload' });
  if (files.length > 1) errors.push({ field: 'file', message: 'Send one file per request' });
  const parsed = attachmentUploadFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.map(String).join('.') || 'form'];
      for (const field of keys) errors.push({ field, message: issue.code === 'unrecognized_keys' ? 'Unknown field' : issue.message });
    }
  }
  if (errors.length > 0 || !parsed.success) throw new ProblemError('validation-failed', { detail: 'Check the fields listed in "errors".', errors });
  return { file: files[0]!, shared: parsed.data.shared };
}

/**
 * Checked first for a quick answer, and again by the write itself (attachment-store.ts): a draft
 * whose launch has begun (launched_at set while its jobs are written) is no longer editable; a mark
 * a crashed launch left long ago locks nothing (launch-mark.ts).
 * `launching`: the write found it not editable, so refuse even if the row now reads as a draft.
 */
function assertDraft(campaign: CampaignRow, now: Date, options: { launching?: boolean } = {}) {
  if (campaign.status !== 'draft') {
    throw new ProblemError('conflict', {
      detail: `Files can change only while the campaign is a draft; it is ${campaign.status}, and its messages carry the files they had at launch.`,
    });
  }
  if (launchUnderWay(campaign.launchedAt, now) || options.launching) {
    throw new ProblemError('conflict', {
      detail: 'Files can change only while the campaign is a draft; it is being launched, and its messages carry the files they had at launch.',
    });
  }
}

function invalidFile(message: string) {
  return new ProblemError('validation-failed', { detail: message, errors: [{ field: 'file', message }] });
}

function duplicate(filename: string) {
  const message = `The campaign already has a file named ${filename}`;
  return new ProblemError('conflict', { detail: `${message}. Remove it first, or rename the new one.`, errors: [{ field: 'file', message }] });
}

function fileTooLarge(messageBytes: number, shared: boolean) {
  const message = tooLargeForGmail(messageBytes, shared ? 'each' : 'carrying') ?? tooLargeForGmail(GMAIL_MESSAGE_MAX_BYTES + 1, 'each')!;
  return new ProblemError('payload-too-large', {
    detail: message,
    errors: [{ field: 'file', message }],
    extra: { messageBytes, maxMessageBytes: GMAIL_MESSAGE_MAX_BYTES },
  });
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

import { attachmentListSchema, attachmentSchema } from '../../shared/schemas/attachments';
import type { ApiClient } from '../api/api-client';
import { ok } from '../messages/result';
import type { Routes } from '../router/message-router';
import { createUploadAssembly } from './upload-assembly';

type AttachmentRoutes = Pick<Routes, 'attachments/list' | 'attachments/upload' | 'attachments/remove'>;

/**
 * A 25 MB file over a slow uplink takes minutes; other calls keep the client's shorter timeout.
 * 25 MB at 1 Mbit/s is about 210 s.
 */
const UPLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * `attachments/*`: a campaign's files (issue 18, shared/schemas/attachments.ts). The panel sends a
 * file in pieces (upload-assembly.ts); the last piece makes the one multipart POST the API takes.
 * Nothing is cached or queued offline: bytes wait for the server, not in IndexedDB.
 */
export function attachmentMessageRoutes({ api }: { api: ApiClient }): AttachmentRoutes {
  const path = (campaignId: string, rest = '') => `/api/campaigns/${encodeURIComponent(campaignId)}/attachments${rest}`;
  const uploads = createUploadAssembly();

  return {
    'attachments/list': {
      access: 'extension-pages',
      handle: ({ campaignId }) => api.json({ method: 'GET', path: path(campaignId) }, attachmentListSchema),
    },
    'attachments/upload': {
      access: 'extension-pages',
      async handle({ type: _type, ...piece }) {
        const added = uploads.add(piece);
        if (!added.ok || added.value.file === null) return added.ok ? ok({ received: added.value.received, attachment: null }) : added;
        const { file } = added.value;
        const form = new FormData();
        form.set('file', file.bytes, file.filename);
        form.set('shared', String(file.shared));
        const saved = await api.json({ method: 'POST', path: path(file.campaignId), form, timeoutMs: UPLOAD_TIMEOUT_MS }, attachmentSchema);
        return saved.ok ? ok({ received: added.value.received, attachment: saved.value }) : saved;
      },
    },
    'attachments/remove': {
      access: 'extension-pages',
      async handle({ campaignId, attachmentId }) {
        const removed = await api.empty({ method: 'DELETE', path: path(campaignId, `/${encodeURIComponent(attachmentId)}`) });
        return removed.ok ? ok({ id: attachmentId }) : removed;
      },
    },
  };
}

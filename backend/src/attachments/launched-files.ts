import type { NormalisedFields } from '../../../shared/merge';
import type { AppDeps } from '../deps';
import { listAttachments, loadAttachmentFiles, type AttachmentFile, type AttachmentMeta } from './attachment-store';
import { filesFor, type RecipientFiles } from './recipient-files';

/**
 * A launched campaign's files, read once per process: files change only while a campaign is a draft
 * (routes.ts), so after launch what was read stays true.
 *
 * Two caches, because one campaign may hold hundreds of per-recipient files (500 invoices of 500 KB
 * pass the 25 MB rule, which bounds only shared files plus the largest own file): the file LIST
 * (no bytes) per campaign, so a campaign without files costs one query per process; and the BYTES
 * per file, only of files some message carried, under a budget with the least recently used read
 * again when next needed. A message thus loads only its own files, never the campaign's whole set.
 *
 * tick.ts runs accounts in parallel: concurrent misses for one key share one read, so a file is
 * counted once, and a replaced entry's bytes are taken off before the new ones are added.
 */
// A Worker has 128 MB: the cache must leave room for building and sending a 25 MB message beside it.
const BUDGET_BYTES = 32 * 1024 * 1024;
// The lists hold no bytes (a few hundred bytes a file); this bounds them for a long-lived process.
const MAX_LISTS = 256;

const lists = new Map<string, AttachmentMeta[]>();
const listReads = new Map<string, Promise<AttachmentMeta[]>>();
const bytesById = new Map<string, AttachmentFile>();
const byteReads = new Map<string, Promise<AttachmentFile | undefined>>();
let cachedBytes = 0;

type Db = Pick<AppDeps, 'db'>;

/** The files one recipient's message carries (recipient-files.ts), with their bytes. */
export async function launchedRecipientFiles(
  deps: Db,
  campaign: { id: string; attachmentField: string | null },
  fields: NormalisedFields,
): Promise<RecipientFiles<AttachmentFile>> {
  const picked = filesFor(await campaignList(deps, campaign.id), campaign.attachmentField, fields);
  if (!picked.ok) return picked;
  const files = await Promise.all(picked.files.map((file) => fileWithBytes(deps, file)));
  // Gone since the list was read (erased with a person, people/erase-person.ts): missing, never sent without it.
  const gone = picked.files.find((_, index) => files[index] === undefined);
  if (gone) return { ok: false, filename: gone.filename };
  return { ok: true, files: files as AttachmentFile[] };
}

/**
 * Forgets what this process holds of these files (deleted: erasure, retention) and their campaigns'
 * lists, so their bytes leave memory and the next message reads the list again.
 *
 * @example forgetLaunchedFiles([{ id: 'att_1', campaignId: 'cmp_1' }])
 */
export function forgetLaunchedFiles(files: readonly { id: string; campaignId: string }[]): void {
  for (const file of files) {
    lists.delete(file.campaignId);
    const held = bytesById.get(file.id);
    if (!held) continue;
    bytesById.delete(file.id);
    cachedBytes -= held.data.byteLength;
  }
}

/** What the byte cache holds, for tests: the count must equal the sum of the files held. */
export function launchedFilesStats(): { files: number; cachedBytes: number; heldBytes: number; budgetBytes: number } {
  let held = 0;
  for (const file of bytesById.values()) held += file.data.byteLength;
  return { files: bytesById.size, cachedBytes, heldBytes: held, budgetBytes: BUDGET_BYTES };
}

async function campaignList(deps: Db, campaignId: string): Promise<AttachmentMeta[]> {
  const hit = lists.get(campaignId);
  if (hit) {
    touch(lists, campaignId, hit);
    return hit;
  }
  return shared(listReads, campaignId, async () => {
    const meta = await listAttachments(deps, campaignId);
    lists.set(campaignId, meta);
    for (const id of lists.keys()) {
      if (lists.size <= MAX_LISTS) break;
      lists.delete(id);
    }
    return meta;
  });
}

async function fileWithBytes(deps: Db, meta: AttachmentMeta): Promise<AttachmentFile | undefined> {
  const hit = bytesById.get(meta.id);
  if (hit) {
    touch(bytesById, meta.id, hit);
    return hit;
  }
  return shared(byteReads, meta.id, async () => {
    const [file] = await loadAttachmentFiles(deps, meta.campaignId, [meta.id]);
    if (!file || file.data.byteLength > BUDGET_BYTES) return file;
    const replaced = bytesById.get(meta.id);
    if (replaced) {
      bytesById.delete(meta.id);
      cachedBytes -= replaced.data.byteLength;
    }
    bytesById.set(meta.id, file);
    cachedBytes += file.data.byteLength;
    // Least recently used first: Map keeps insertion order.
    for (const [id, entry] of bytesById) {
      if (cachedBytes <= BUDGET_BYTES) break;
      bytesById.delete(id);
      cachedBytes -= entry.data.byteLength;
    }
    return file;
  });
}

/** Most recently used last. */
function touch<V>(map: Map<string, V>, key: string, value: V) {
  map.delete(key);
  map.set(key, value);
}

/** One read per key at a time: callers that miss together wait on the same promise. */
function shared<V>(reads: Map<string, Promise<V>>, key: string, read: () => Promise<V>): Promise<V> {
  const running = reads.get(key);
  if (running) return running;
  const promise = read().finally(() => reads.delete(key));
  reads.set(key, promise);
  return promise;
}

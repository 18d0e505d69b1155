import type { AppDeps } from '../deps';
import { listAttachments } from './attachment-store';

/**
 * A campaign's files in the user's data export: names, types, sizes and SHA-256 hashes, never the
 * bytes (the user uploaded them and has them; the hash shows which version was sent).
 */
export async function exportedFiles(deps: Pick<AppDeps, 'db'>, campaignId: string) {
  return (await listAttachments(deps, campaignId)).map((file) => ({
    filename: file.filename,
    contentType: file.contentType,
    size: file.size,
    sha256: file.sha256,
    shared: file.shared,
    createdAt: file.createdAt.toISOString(),
  }));
}

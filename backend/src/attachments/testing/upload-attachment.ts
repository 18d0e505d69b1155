import type { BrowserAgent } from '../../testing/browser-agent';

/** Uploads `bytes` as `filename` to a campaign as the panel does: multipart/form-data, field `file`. */
export async function uploadAttachment(agent: BrowserAgent, campaignId: string, filename: string, bytes: Uint8Array, options: { shared?: boolean; type?: string } = {}) {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], filename, { type: options.type ?? 'application/octet-stream' }));
  if (options.shared !== undefined) form.append('shared', String(options.shared));
  // Written out as bytes with its boundary header, as a browser sends it: workerd's test fetch does not serialise FormData itself.
  const request = new Request('http://form.invalid/', { method: 'POST', body: form });
  const body = await request.arrayBuffer();
  return agent.request('POST', `/api/campaigns/${campaignId}/attachments`, { body, headers: { 'content-type': request.headers.get('content-type')! } });
}

/** `size` bytes that differ from any other run's (a seeded pattern would compress; this does not need to). */
export function fileBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

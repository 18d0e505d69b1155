import { signTrackingToken, type TrackingSigner } from '../tracking/tokens';

/**
 * The signed URLs a message carries: the open pixel, one click URL per http(s) link, and the
 * unsubscribe link, each signed for this job and recipient. `linkOffset`: the index of the message's
 * first link (an A/B variant's links are numbered on after the step's earlier variants', so a click's
 * index names one link of the step: analytics/written-links.ts).
 */
export async function trackingUrlsFor(
  input: { publicUrl: string; signer: TrackingSigner; html: string; trackOpens: boolean; trackClicks: boolean; unsubscribe: boolean },
  ids: { jobId: number; recipientId: number; step: number },
  linkOffset = 0,
) {
  const base = input.publicUrl;
  const openPixelUrl = input.trackOpens ? `${base}/t/o/${await signTrackingToken(input.signer, { kind: 'open', ...ids })}.gif` : null;
  const rewriteLink = input.trackClicks
    ? async (_url: string, linkIndex: number) => `${base}/t/c/${await signTrackingToken(input.signer, { kind: 'click', linkIndex: linkIndex + linkOffset, ...ids })}`
    : null;
  const unsubscribeUrl = input.unsubscribe ? `${base}/u/${await signTrackingToken(input.signer, { kind: 'unsubscribe', ...ids })}` : null;
  return { openPixelUrl, rewriteLink, unsubscribeUrl };
}

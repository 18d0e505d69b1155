export { createTrackingSigner, signTrackingToken, verifyTrackingToken } from './tracking-token';
export { trackingSignerFor } from './tracking-signer';
export type { TrackingKind, TrackingPayload, TrackingSigner } from './tracking-token';

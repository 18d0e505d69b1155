export { createTrackingSigner, signTrackingToken, verifyTrackingToken } from './tracking-token';
export type { TrackingKind, TrackingPayload, TrackingSigner } from './tracking-token';

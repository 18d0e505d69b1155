export { trackingRoutes, type TrackingDeps } from './routes';
export { createEventWriter, type EventWriterOptions, type QueuedEvent, type TrackingEventSink } from './event-writer';
export { classifyVisitor, type VisitorFacts, type Verdict } from './classify-visitor';
export { truncateIpAddress } from './truncate-ip';

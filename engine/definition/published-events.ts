/**
 * The run and step events a team can subscribe a URL to. The database publishes them: a trigger on
 * `run_events` writes each to the `event_outbox` in the transaction that commits it (migration
 * `20261206110000_event_subscriptions`, which must list the same events).
 * `step.waiting_for_approval` is a `step.waiting` event whose reason is `approval`.
 */
export const publishedEvents = ["run.completed", "run.failed", "run.cancelled", "step.failed", "step.waiting_for_approval"] as const;
export type PublishedEvent = (typeof publishedEvents)[number];

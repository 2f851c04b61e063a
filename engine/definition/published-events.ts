/**
 * The run and step events a team can subscribe a URL to. The database layer publishes them: each
 * is written to the `event_outbox` in the transaction that commits it, when the run's team has a
 * subscription (on PostgreSQL by a trigger on `run_events`, migrations `…_event_subscriptions` and
 * `…_outbox_subscribed_teams`; on SQLite by the run store, with `publishedEventOf`). Both must list
 * the same events. `step.waiting_for_approval` is a `step.waiting` event whose reason is `approval`.
 */
export const publishedEvents = ["run.completed", "run.failed", "run.cancelled", "step.failed", "step.waiting_for_approval"] as const;
export type PublishedEvent = (typeof publishedEvents)[number];

/** The name `event` is published under, or null when it is not published. */
export function publishedEventOf(event: { type: string; payload?: Record<string, unknown> | null }): PublishedEvent | null {
  switch (event.type) {
    case "run.completed":
    case "run.failed":
    case "run.cancelled":
    case "step.failed":
      return event.type;
    case "step.waiting":
      return event.payload?.reason === "approval" ? "step.waiting_for_approval" : null;
    default:
      return null;
  }
}

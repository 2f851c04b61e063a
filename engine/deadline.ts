/** A deadline that can be called off once the answer it waits for arrives. */
export interface Deadline {
  cancel(): void;
}

/**
 * Calls `missed` when work done in another process or thread has not answered `ms` after now.
 * Hazard: timers fire before the event loop reads pipes and message ports, so when this process was
 * itself busy past the deadline (a map step creating 10,000 child runs holds it for seconds), an
 * answer that came in time is still unread and would be taken for a timeout. A deadline seen more
 * than `slackMs` late is therefore looked at once more, `slackMs` later, after the loop has read
 * what arrived; a deadline seen on time, or the second look, calls `missed`.
 *
 * @example
 * const deadline = startDeadline(1_250, 250, () => child.kill("SIGKILL"));
 * child.once("message", () => deadline.cancel());
 */
export function startDeadline(ms: number, slackMs: number, missed: () => void): Deadline {
  const due = performance.now() + ms;
  let timer = setTimeout(() => {
    if (performance.now() - due <= slackMs) return missed();
    timer = setTimeout(missed, slackMs);
  }, ms);
  return { cancel: () => clearTimeout(timer) };
}

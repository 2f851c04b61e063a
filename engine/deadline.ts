/** A deadline that can be called off once the answer it waits for arrives. */
export interface Deadline {
  cancel(): void;
}

/**
 * Calls `missed` when work done in another process or thread has not answered `ms` after now.
 * Hazard: timers fire before the event loop reads pipes and message ports, so when this process was
 * itself busy up to or past the deadline (a map step creating 10,000 child runs holds it for
 * seconds), an answer that came in time is still unread and would be taken for a timeout. So
 * `missed` is only ever called from `setImmediate`, which runs right after the loop's poll phase:
 * an answer already in the pipe is read first (and cancels this). A deadline seen more than `slackMs`
 * late is looked at once more `slackMs` later, so an answer the busy loop also kept from being
 * written (the other side starved of CPU) still has that long.
 *
 * @example
 * const deadline = startDeadline(1_250, 250, () => child.kill("SIGKILL"));
 * child.once("message", () => deadline.cancel());
 */
export function startDeadline(ms: number, slackMs: number, missed: () => void): Deadline {
  const due = performance.now() + ms;
  let immediate: NodeJS.Immediate | undefined;
  const afterNextPoll = () => {
    immediate = setImmediate(missed);
  };
  let timer = setTimeout(() => {
    if (performance.now() - due <= slackMs) return afterNextPoll();
    timer = setTimeout(afterNextPoll, slackMs);
  }, ms);
  return {
    cancel: () => {
      clearTimeout(timer);
      clearImmediate(immediate);
    },
  };
}

/** setTimeout overflows past ~24.8 days: longer waits are re-armed in steps of this size. */
const maxDelayMs = 2 ** 31 - 1;

/**
 * In-process timers of durable waits (retry backoff, delay steps), one per step. The wake time
 * itself is on the step row; these only make this process act on it, and recovery re-arms them.
 */
export class StepTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly now: () => Date,
    private readonly onDue: (runId: string, stepId: string) => void,
  ) {}

  arm(runId: string, stepId: string, wakeAt: Date): void {
    if (this.stopped) return;
    this.clear(runId, stepId);
    const delay = Math.max(0, wakeAt.getTime() - this.now().getTime());
    const timer = setTimeout(() => {
      this.timers.delete(`${runId}/${stepId}`);
      if (delay > maxDelayMs) return this.arm(runId, stepId, wakeAt);
      this.onDue(runId, stepId);
    }, Math.min(delay, maxDelayMs));
    this.timers.set(`${runId}/${stepId}`, timer);
  }

  clear(runId: string, stepId: string): void {
    clearTimeout(this.timers.get(`${runId}/${stepId}`));
    this.timers.delete(`${runId}/${stepId}`);
  }

  /** Clears every timer armed so far (the runs they belong to left this process). */
  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  /** Clears every timer; later `arm` calls do nothing. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

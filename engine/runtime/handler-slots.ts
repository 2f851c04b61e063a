/**
 * The engine-wide cap on step handlers running at once (each run is also bounded by its
 * `maxParallel`). A step that finds no free slot waits, once, in arrival order.
 */
export class HandlerSlots {
  private active = 0;
  /** Each waiter tries to start its step when called and says whether it took the slot. */
  private readonly waiting = new Map<string, () => boolean>();

  constructor(private readonly capacity: number) {}

  /** Handlers running now, and steps waiting for a slot. */
  get usage(): { running: number; waiting: number } {
    return { running: this.active, waiting: this.waiting.size };
  }

  /** Takes a slot, or queues `retry` under `key` (replacing an earlier wait of the same key) and returns false. */
  take(key: string, retry: () => boolean): boolean {
    if (this.active >= this.capacity) {
      this.waiting.set(key, retry);
      return false;
    }
    this.active++;
    return true;
  }

  /** Frees a slot and hands it to the first waiter that can use it; waiters that cannot are dropped. */
  release(): void {
    this.active--;
    for (const [key, retry] of this.waiting) {
      this.waiting.delete(key);
      if (retry()) return;
    }
  }
}

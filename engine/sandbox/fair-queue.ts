/**
 * The sandbox's waiting requests, served fairly across tenants (a team, or a run without one):
 * FIFO within a tenant; across tenants the one holding the fewest workers goes first, ties in
 * round-robin order; and no tenant holds more than `share` workers at once. Pure bookkeeping: the
 * pool owns the workers.
 *
 * @example
 * const queue = new FairQueue<Job>(2);
 * queue.push(job);
 * const next = queue.take(); // counted as running for its tenant until release(next.tenant)
 */
export class FairQueue<Job extends { tenant: string }> {
  /** Tenants with waiting jobs, in round-robin order: a tenant that is served moves to the end. */
  private readonly waiting = new Map<string, Job[]>();
  private readonly running = new Map<string, number>();
  private count = 0;

  constructor(readonly share: number) {}

  get size(): number {
    return this.count;
  }

  push(job: Job): void {
    const jobs = this.waiting.get(job.tenant);
    if (jobs) jobs.push(job);
    else this.waiting.set(job.tenant, [job]);
    this.count++;
  }

  /** Removes a waiting job (cancelled, or waited too long); false when it was not waiting. */
  remove(job: Job): boolean {
    const jobs = this.waiting.get(job.tenant);
    const index = jobs ? jobs.indexOf(job) : -1;
    if (!jobs || index < 0) return false;
    jobs.splice(index, 1);
    if (jobs.length === 0) this.waiting.delete(job.tenant);
    this.count--;
    return true;
  }

  /** The next job to start, now counted as running for its tenant; undefined when none may start. */
  take(): Job | undefined {
    let chosen: string | undefined;
    let fewest = this.share;
    for (const tenant of this.waiting.keys()) {
      const holding = this.holding(tenant);
      if (holding >= fewest) continue; // a tie keeps the earlier tenant: round-robin
      chosen = tenant;
      fewest = holding;
    }
    if (chosen === undefined) return undefined;
    const jobs = this.waiting.get(chosen)!;
    const job = jobs.shift()!;
    this.waiting.delete(chosen);
    if (jobs.length > 0) this.waiting.set(chosen, jobs); // re-inserted last: its round-robin turn is over
    this.running.set(chosen, fewest + 1);
    this.count--;
    return job;
  }

  /** A job of `tenant` that `take` returned no longer occupies its worker. */
  release(tenant: string): void {
    const holding = this.holding(tenant) - 1;
    if (holding > 0) this.running.set(tenant, holding);
    else this.running.delete(tenant);
    // Its turn ended now: a tenant that came while it ran goes first among equals. Without this, a
    // tenant re-queued when it was served stays ahead of later arrivals and, holding as few workers
    // as they do once released, is served again first: with one worker, a newcomer waited for two
    // of a flooding tenant's steps instead of one.
    const jobs = this.waiting.get(tenant);
    if (jobs) {
      this.waiting.delete(tenant);
      this.waiting.set(tenant, jobs);
    }
  }

  /** How many waiting jobs could start now if enough workers were free. */
  startable(): number {
    let total = 0;
    for (const [tenant, jobs] of this.waiting) total += Math.min(jobs.length, Math.max(0, this.share - this.holding(tenant)));
    return total;
  }

  /** Empties the queue (the pool is closing). */
  drain(): Job[] {
    const jobs = [...this.waiting.values()].flat();
    this.waiting.clear();
    this.count = 0;
    return jobs;
  }

  private holding(tenant: string): number {
    return this.running.get(tenant) ?? 0;
  }
}

/**
 * How many workers one tenant may hold: all but one, so a tenant that floods the pool with
 * endless loops still leaves a worker for everyone else (one worker: no reserve is possible).
 */
export function tenantShare(workers: number): number {
  return Math.max(1, workers - 1);
}

import { breakerSettingsSchema, type BreakerSettings, type StepDefinition } from "../definition/schema";
import type { StepError } from "../definition/statuses";
import type { RunMutation, RunStore } from "../ports/run-store";
import { admit, closedBreaker, record, reset, type BreakerOutcome, type BreakerRow } from "../scheduling/breaker";

/** `reason` in the state and `step.waiting` payload of a step held by an open circuit breaker. */
export const circuitOpenReason = "circuit open";

const defaultSettings = breakerSettingsSchema.parse({});

/** An attempt let through a breaker: what its outcome is counted against. */
export interface BreakerTicket {
  teamId: string;
  key: string;
  holder: string;
  settings: BreakerSettings;
}

export type Passage = { ticket: BreakerTicket } | { refused: { key: string; until: Date } };

const idOf = (teamId: string, key: string) => `${teamId}\u0000${key}`;

/**
 * The engine's circuit breakers (one per team and target), mirrored in memory and read from the
 * store once, on first use, so a step through a closed breaker costs no database round trip.
 * Changes are queued for the group committer's next commit, the one that also carries the step
 * transition that caused them. Steps held by an open breaker are remembered, and woken at once
 * when it closes (otherwise their durable timer wakes them at the end of the cool-down).
 */
export class Breakers {
  private readonly rows = new Map<string, BreakerRow>();
  private loading: Promise<void> | null = null;
  private pending: BreakerRow[] = [];
  private readonly waiters = new Map<string, Set<string>>();
  private stopListening: (() => void) | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;

  constructor(
    private readonly store: RunStore,
    private readonly now: () => Date,
    /** A changed breaker must reach the next commit: schedule one. */
    private readonly changed: () => void,
    /** A step held by a breaker that closed may go on now. */
    private readonly release: (runId: string, stepId: string) => void,
  ) {}

  /** The settings a step's attempt goes through the breaker with, or null when it has none. */
  static settingsOf(step: StepDefinition, byDefault: boolean): BreakerSettings | null {
    if (step.breaker) return step.breaker.enabled && (step.breaker.key !== undefined || byDefault) ? step.breaker : null;
    return byDefault ? defaultSettings : null;
  }

  async pass(teamId: string | null, key: string, holder: string, settings: BreakerSettings): Promise<Passage> {
    await this.loaded();
    const team = teamId ?? "";
    const admission = admit(this.rows.get(idOf(team, key)), holder, this.now(), settings);
    if (!admission.admitted) return { refused: { key, until: admission.until } };
    if (admission.next) this.change(admission.next);
    return { ticket: { teamId: team, key, holder, settings } };
  }

  /** Counts an admitted attempt's end: transient errors and timeouts are failures, a cancellation teaches nothing. */
  settle(ticket: BreakerTicket, error: StepError | null): void {
    const id = idOf(ticket.teamId, ticket.key);
    const before = this.rows.get(id) ?? closedBreaker(ticket.teamId, ticket.key, this.now());
    const outcome: BreakerOutcome = !error ? "success" : error.kind === "transient" || error.kind === "timeout" ? "failure" : error.kind === "cancelled" ? "neutral" : "success";
    const after = record(before, ticket.holder, outcome, this.now(), ticket.settings, error?.message);
    if (!after) return;
    this.change(after);
    if (after.state === "closed" && before.state !== "closed") this.wakeWaiters(id);
  }

  /** Remembers a step held by the breaker of `key`, to wake it when that closes. */
  hold(teamId: string | null, key: string, runId: string, stepId: string): void {
    const id = idOf(teamId ?? "", key);
    let held = this.waiters.get(id);
    if (!held) this.waiters.set(id, (held = new Set()));
    held.add(`${runId}\u0000${stepId}`);
  }

  /** Closes a breaker (an operator's reset); false when the team has none with that key. */
  async reset(teamId: string | null, key: string): Promise<BreakerRow | null> {
    await this.loaded();
    const id = idOf(teamId ?? "", key);
    const row = this.rows.get(id);
    if (!row) return null;
    const closed = reset(row, this.now());
    this.change(closed);
    this.wakeWaiters(id);
    return closed;
  }

  /** The team's breakers as this engine sees them, by key. */
  async list(teamId: string | null): Promise<BreakerRow[]> {
    await this.loaded();
    const team = teamId ?? "";
    return [...this.rows.values()].filter((row) => row.teamId === team).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /**
   * Another process changed breakers: read them all again (coalesced: one read at a time, one more
   * after it when asked meanwhile). A stored row replaces this engine's only when it is newer
   * (`updatedAt`), so a change of this engine's still being committed is not undone by its old row.
   * One that closed elsewhere (an operator's reset through another server, a trial that succeeded
   * there) wakes the steps this engine holds for it.
   */
  refresh(): Promise<void> {
    if (!this.loading) return Promise.resolve();
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.refreshAgain = false;
        await this.loaded();
        const stored = (await this.store.listBreakers?.()) ?? [];
        const mine = new Set(this.pending.map((row) => idOf(row.teamId, row.key)));
        for (const row of stored) {
          const id = idOf(row.teamId, row.key);
          const before = this.rows.get(id);
          // A row no newer than ours is ours read back, or older than a change of ours still being committed.
          if (mine.has(id) || (before && row.updatedAt.getTime() <= before.updatedAt.getTime())) continue;
          this.rows.set(id, row);
          if (row.state === "closed" && before && before.state !== "closed") this.wakeWaiters(id);
        }
      } while (this.refreshAgain);
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  /** Stops following other processes' changes (the engine stops). */
  close(): void {
    this.stopListening?.();
    this.stopListening = null;
  }

  /** The breakers changed since the last call, as a mutation of no run (for the group commit). */
  takeMutation(): RunMutation | null {
    if (this.pending.length === 0) return null;
    const breakers = this.pending;
    this.pending = [];
    return { steps: [], events: [], breakers };
  }

  private change(row: BreakerRow): void {
    this.rows.set(idOf(row.teamId, row.key), row);
    this.pending.push(row);
    this.changed();
  }

  private wakeWaiters(id: string): void {
    const held = this.waiters.get(id);
    this.waiters.delete(id);
    for (const entry of held ?? []) {
      const [runId, stepId] = entry.split("\u0000") as [string, string];
      this.release(runId, stepId);
    }
  }

  private loaded(): Promise<void> {
    // A failed read is tried again by the next caller rather than remembered.
    return (this.loading ??= this.load().catch((error: unknown) => {
      this.loading = null;
      throw error;
    }));
  }

  private async load(): Promise<void> {
    // Listen before reading: a change committed between the two is then not missed.
    this.stopListening ??= this.store.onBreakersChanged?.(() => void this.refresh().catch(() => undefined)) ?? null;
    const stored = (await this.store.listBreakers?.()) ?? [];
    // A change made while the rows were read is newer than what was read.
    for (const row of stored) if (!this.rows.has(idOf(row.teamId, row.key))) this.rows.set(idOf(row.teamId, row.key), row);
  }
}

export type SaveState =
  | { kind: "saved"; at: Date | null }
  | { kind: "unsaved" }
  | { kind: "saving" }
  | { kind: "retrying"; message: string; retryAt: Date }
  | { kind: "conflict"; message: string };

export interface DraftSaverOptions<Draft> {
  /** Resolves the new revision; rejects with the server's error. */
  save(draft: Draft, baseRevision: number, force: boolean): Promise<number>;
  /** The conflict message when `error` is a stale-revision refusal, else null. */
  conflictMessage(error: unknown): string | null;
  revision: number;
  onState(state: SaveState): void;
  debounceMs?: number;
  now?: () => Date;
}

const retryDelaysMs = [1000, 2000, 4000, 8000, 15_000, 30_000];

/**
 * Saves the newest draft after a pause in editing, one request at a time. A failed save keeps the
 * draft and retries with backoff (edits made meanwhile are kept too); a conflict stops saving until
 * the person chooses to reload or overwrite — nothing is ever dropped silently.
 */
export class DraftSaver<Draft> {
  revision: number;
  private pending: Draft | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private conflict: string | null = null;
  private disposed = false;

  constructor(private readonly options: DraftSaverOptions<Draft>) {
    this.revision = options.revision;
  }

  /** The draft moved to `revision` on the server by another path (a rename): later saves build on it. */
  adoptRevision(revision: number): void {
    this.revision = revision;
  }

  get hasUnsavedChanges(): boolean {
    return this.pending !== null || this.inFlight !== null;
  }

  /** A new draft to save after the debounce. */
  change(draft: Draft): void {
    this.pending = draft;
    if (this.conflict) return;
    this.options.onState({ kind: "unsaved" });
    if (this.failures === 0) this.arm(this.options.debounceMs ?? 800);
  }

  /** Saves now and resolves the saved revision (for publish and run); rejects if the save fails. */
  async flush(): Promise<number> {
    if (this.conflict) throw new Error(this.conflict);
    while (this.pending !== null || this.inFlight) {
      this.disarm();
      await (this.inFlight ?? this.start(false));
      if (this.conflict) throw new Error(this.conflict);
      if (this.failures > 0 && this.pending !== null) throw new Error("the draft could not be saved; check your connection");
    }
    return this.revision;
  }

  /** After a conflict: writes this draft over the other person's. */
  async overwrite(draft: Draft): Promise<number> {
    this.disarm();
    if (this.inFlight) await this.inFlight;
    this.pending = draft;
    this.conflict = null;
    await this.start(true);
    return this.flush();
  }

  dispose(): void {
    this.disposed = true;
    this.disarm();
  }

  private arm(delayMs: number) {
    this.disarm();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.inFlight) void this.start(false);
    }, delayMs);
  }

  private disarm() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private start(force: boolean): Promise<void> {
    const draft = this.pending;
    if (draft === null || this.disposed) return Promise.resolve();
    this.pending = null;
    this.options.onState({ kind: "saving" });
    this.inFlight = this.options.save(draft, this.revision, force).then(
      (revision) => this.succeeded(revision),
      (error: unknown) => this.failed(draft, error),
    );
    return this.inFlight;
  }

  private succeeded(revision: number) {
    this.inFlight = null;
    this.revision = revision;
    this.failures = 0;
    if (this.pending !== null) return this.start(false);
    this.options.onState({ kind: "saved", at: (this.options.now ?? (() => new Date()))() });
  }

  private failed(draft: Draft, error: unknown) {
    this.inFlight = null;
    this.pending ??= draft;
    const conflict = this.options.conflictMessage(error);
    if (conflict) {
      this.conflict = conflict;
      this.options.onState({ kind: "conflict", message: conflict });
      return;
    }
    const delay = retryDelaysMs[Math.min(this.failures, retryDelaysMs.length - 1)]!;
    this.failures += 1;
    const now = (this.options.now ?? (() => new Date()))();
    this.options.onState({ kind: "retrying", message: messageOf(error), retryAt: new Date(now.getTime() + delay) });
    if (!this.disposed) this.arm(delay);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

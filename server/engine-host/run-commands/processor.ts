import { hostIdentity, silentLogger, type Engine, type Logger } from "../../../engine/index";
import type { Db } from "../../db/create-prisma-client";
import { finishCommand, listPendingCommands, takeCommand, type StoredRunCommand } from "./command-rows";
import { applyRunCommand, failedOutcome, type RunCommandOutcome } from "./run-command";

/** Whether this process's engine may act on a run, by the leases of run trees. */
export interface TreeOwnership {
  /** True when this engine holds the run's tree, or has just claimed it because no live engine did. */
  acquire(runId: string): Promise<boolean>;
  /** This engine's lease epoch (recorded on the commands it takes as `taken_by`); null when not known. */
  epoch(): Promise<number | null>;
}

/**
 * By the engine's leases: it acts on the runs it holds and on those no live process holds (it
 * claims their tree as it acts), never on another live process's. On a store without leases,
 * on every run. With `leases` (the app database and the engine's `leases.kind`), `epoch` reads
 * the engine's lease: the newest one of this kind, host and process (an engine that lost its
 * lease registers a new, higher epoch; a process runs one engine of a kind).
 */
export function leaseOwnership(engine: Pick<Engine, "ownerOf">, leases?: { db: Pick<Db, "engineLease">; kind: string }): TreeOwnership {
  return {
    async acquire(runId) {
      const owner = await engine.ownerOf(runId);
      return owner === null || owner.mine || owner.lease === null;
    },
    async epoch() {
      if (!leases) return null;
      const where = { kind: leases.kind, host: hostIdentity(), pid: process.pid };
      const lease = await leases.db.engineLease.findFirst({ where, orderBy: { epoch: "desc" }, select: { epoch: true } });
      return lease?.epoch ?? null;
    },
  };
}

/** Whether another live engine process holds the run's tree: an action on it must go there. */
export async function heldElsewhere(engine: Pick<Engine, "ownerOf">, runId: string): Promise<boolean> {
  const owner = await engine.ownerOf(runId);
  return owner !== null && !owner.mine && owner.lease !== null;
}

export interface RunCommandProcessorOptions {
  db: Db;
  engine: Engine;
  ownership: TreeOwnership;
  /** How often the table is read when no notification came (a lost LISTEN connection, SQLite). */
  pollMs?: number;
  /** Commands read per look. */
  batchSize?: number;
  logger?: Logger;
  now?: () => Date;
}

/**
 * The engine side of `run_commands`: applies the operator actions other servers forward, for the
 * run trees this engine holds or claims, and records each outcome for the asker. Commands of trees
 * another live engine holds are left to it. Woken by `wake()` (a NOTIFY) and every `pollMs`.
 */
export class RunCommandProcessor {
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly logger: Logger;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private looking: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;
  private stopped = true;

  constructor(private readonly options: RunCommandProcessorOptions) {
    this.pollMs = options.pollMs ?? 1_000;
    this.batchSize = options.batchSize ?? 50;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.wake();
  }

  /** Looks at the pending commands soon; a wake during a look makes another look after it. */
  wake(): void {
    if (this.stopped) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.looking = this.look().finally(() => {
      this.busy = false;
      if (this.stopped) return;
      if (this.again) {
        this.again = false;
        return this.wake();
      }
      this.timer = setTimeout(() => this.wake(), this.pollMs);
      this.timer.unref();
    });
  }

  /** Takes no more commands; resolves once the one being applied is recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.looking;
  }

  private async look(): Promise<void> {
    try {
      for (const pending of await listPendingCommands(this.options.db, this.batchSize)) {
        if (this.stopped) return;
        await this.handle(pending);
      }
    } catch (error) {
      this.logger.error("reading operator commands failed; trying again", error);
    }
  }

  private async handle({ id, command }: StoredRunCommand): Promise<void> {
    const { db, engine, ownership } = this.options;
    // Another live engine holds the tree: the command is its own. A command of no run is anyone's.
    if (command.runId !== null && !(await ownership.acquire(command.runId))) return;
    if (!(await takeCommand(db, id, await ownership.epoch()))) return;
    let outcome: RunCommandOutcome;
    try {
      outcome = { ok: true, result: (await applyRunCommand(engine, command)) ?? null };
    } catch (error) {
      outcome = failedOutcome(error);
      if (!outcome.ok && outcome.code === "INTERNAL") this.logger.error(`operator command ${id} (${command.action} on run ${command.runId}) failed`, error);
    }
    await finishCommand(db, id, outcome, this.now());
  }
}

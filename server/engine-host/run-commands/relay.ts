import { isBranded } from "../../../engine/definition/issues";
import type { Db, DbProvider } from "../../db/create-prisma-client";
import { expireCommand, insertCommand, readCommand } from "./command-rows";
import { settleOutcome, type RunCommand } from "./run-command";

/** The channel engines LISTEN on for new commands (PostgreSQL). */
export const runCommandsChannel = "orka_run_commands";

/** How long an asker waits for an engine to apply its command, unless told otherwise. */
export const defaultCommandTimeoutMs = 10_000;

const timeoutBrand = Symbol.for("orka.RunCommandTimeoutError");

/**
 * No engine answered a forwarded operator action in time. `applied` says what is known: false when
 * the command was withdrawn untouched (safe to ask again), null when an engine took it and may
 * still apply it.
 */
export class RunCommandTimeoutError extends Error {
  /** Recognised by `instanceof` whichever copy of this module made it (Next loads server modules several times). */
  readonly [timeoutBrand] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, RunCommandTimeoutError, timeoutBrand, value);
  }

  constructor(
    readonly applied: false | null,
    timeoutMs: number,
  ) {
    super(
      applied === false
        ? `no engine took this action within ${timeoutMs} ms (is an orka worker running?); it was not applied`
        : `the engine that took this action did not finish it within ${timeoutMs} ms; it may still be applied — reload the run`,
    );
    this.name = "RunCommandTimeoutError";
  }
}

export interface CommandRelayOptions {
  db: Db;
  provider: DbProvider;
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * Hands an operator action to the engine that owns the run (or claims it), through `run_commands`:
 * writes the command, notifies the engines, and waits for its outcome, which it returns, or throws
 * as the same refusal acting locally would have thrown (`EngineActionError`, `ValidationError`).
 * Times out with `RunCommandTimeoutError`, withdrawing the command if no engine took it yet.
 */
export function createCommandRelay({ db, provider, timeoutMs = defaultCommandTimeoutMs, now = () => new Date() }: CommandRelayOptions) {
  return async function relay(command: RunCommand): Promise<unknown> {
    const id = await insertCommand(db, command, now());
    if (provider === "postgres") await db.$executeRaw`NOTIFY orka_run_commands`;
    let deadline = Date.now() + timeoutMs;
    let taken = false;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      const stored = await readCommand(db, id);
      if (stored?.outcome) return settleOutcome(stored.outcome);
      if (Date.now() >= deadline) {
        if (taken) throw new RunCommandTimeoutError(null, timeoutMs * 2);
        // Withdrawn untouched, it never applies later. Taken: give the engine as long again to finish it.
        if (await expireCommand(db, id, now())) throw new RunCommandTimeoutError(false, timeoutMs);
        taken = true;
        deadline = Date.now() + timeoutMs;
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  };
}

export type CommandRelay = ReturnType<typeof createCommandRelay>;

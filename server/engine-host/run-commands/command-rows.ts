import { newRunId } from "../../../engine/index";
import type { Db } from "../../db/create-prisma-client";
import type { RunCommand, RunCommandOutcome } from "./run-command";

/** A command as stored in `run_commands` (one function per statement below). */
export interface StoredRunCommand {
  id: string;
  command: RunCommand;
  status: "pending" | "taken" | "done" | "failed" | "expired";
  outcome: RunCommandOutcome | null;
}

const columns = { id: true, args: true, status: true, outcome: true } as const;

/** Writes a new pending command; resolves with its id. */
export async function insertCommand(db: Db, command: RunCommand, now: Date): Promise<string> {
  const id = newRunId(now.getTime());
  await db.runCommand.create({ data: { id, runId: command.runId ?? "", action: command.action, args: JSON.stringify(command), status: "pending", createdAt: now } });
  return id;
}

export async function readCommand(db: Db, id: string): Promise<StoredRunCommand | null> {
  const row = await db.runCommand.findUnique({ where: { id }, select: columns });
  return row && decode(row);
}

/** The oldest pending commands, for an engine to look at. */
export async function listPendingCommands(db: Db, limit: number): Promise<StoredRunCommand[]> {
  const rows = await db.runCommand.findMany({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, take: limit, select: columns });
  return rows.map(decode);
}

/** Takes a pending command for the engine of lease `epoch` (null without leases); false when another took it or it expired. */
export async function takeCommand(db: Db, id: string, epoch: number | null): Promise<boolean> {
  return (await db.runCommand.updateMany({ where: { id, status: "pending" }, data: { status: "taken", takenBy: epoch } })).count === 1;
}

/** Records what became of a taken command. */
export async function finishCommand(db: Db, id: string, outcome: RunCommandOutcome, now: Date): Promise<void> {
  await db.runCommand.updateMany({ where: { id, status: "taken" }, data: { status: outcome.ok ? "done" : "failed", outcome: JSON.stringify(outcome), finishedAt: now } });
}

/** Withdraws a command nobody took (the asker stopped waiting); false when an engine took it first. */
export async function expireCommand(db: Db, id: string, now: Date): Promise<boolean> {
  return (await db.runCommand.updateMany({ where: { id, status: "pending" }, data: { status: "expired", finishedAt: now } })).count === 1;
}

function decode(row: { id: string; args: string; status: string; outcome: string | null }): StoredRunCommand {
  return {
    id: row.id,
    command: JSON.parse(row.args) as RunCommand,
    status: row.status as StoredRunCommand["status"],
    outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as RunCommandOutcome),
  };
}

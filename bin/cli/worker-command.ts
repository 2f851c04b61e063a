import { createEngine, stderrLogger } from "../../engine/index";
import { createPrismaClient } from "../../server/db/create-prisma-client";
import { parseDatabaseUrl } from "../../server/db/database-url";
import { engineOptionsFromEnv } from "../../server/engine-host/engine-env";
import { leaseSettingsFromEnv } from "../../server/engine-host/lease-env";
import { prismaWorkflowResolver } from "../../server/engine-host/prisma-workflow-resolver";
import { leaseOwnership } from "../../server/engine-host/run-commands/processor";
import { serveRunCommands } from "../../server/engine-host/run-commands/serve-commands";
import { openRunStore } from "../../server/engine-host/stores/open-run-store";
import { teamSecretResolver } from "../../server/secrets/team-secret-resolver";

/**
 * `orka worker`: an engine with no web server on the app's database (`--db`, else `DATABASE_URL`).
 * It claims run trees nobody live holds, runs them, and keeps claiming until SIGTERM or SIGINT; then it
 * stops claiming, lets running steps finish for `ORKA_SHUTDOWN_MS`, commits, and hands its runs back
 * (another process claims them at once) before it exits. It also applies the operator actions web
 * servers forward for the runs it holds (`run_commands`). Schedules are not fired here: the web
 * servers fire them (a worker only runs what they start).
 */
export async function workerCommand(db: string | undefined, signals: NodeJS.EventEmitter = process): Promise<number> {
  const url = db ?? process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write("orka worker: give the database with --db <url> or DATABASE_URL\n");
    return 2;
  }
  const options = engineOptionsFromEnv();
  const { shutdownMs } = leaseSettingsFromEnv();
  const target = parseDatabaseUrl(url);
  const store = await openRunStore(url);
  const prisma = createPrismaClient(target);
  const engine = createEngine({
    store,
    resolver: prismaWorkflowResolver(prisma),
    secrets: teamSecretResolver(prisma),
    ...options,
    leases: { ...options.leases, kind: "worker" },
    logger: stderrLogger,
  });
  let stopCommands: (() => Promise<void>) | undefined;
  try {
    const stopped = new Promise<string>((resolve) => {
      for (const signal of ["SIGTERM", "SIGINT"]) signals.once(signal, () => resolve(signal));
    });
    const resumed = await engine.start();
    // Operator actions web servers forward (ORKA_ENGINE=off, or another process acted): applied here for the runs this worker holds or claims.
    stopCommands = serveRunCommands({ db: prisma, engine, target, ownership: leaseOwnership(engine), logger: stderrLogger });
    const where = target.provider === "sqlite" ? target.filename : "PostgreSQL";
    process.stderr.write(`[orka] worker ${process.pid} running on ${where}${resumed > 0 ? `, ${resumed} unfinished run(s) taken over` : ""}\n`);
    const signal = await stopped;
    process.stderr.write(`[orka] worker ${process.pid} stopping (${signal}): finishing running steps for up to ${shutdownMs} ms\n`);
    return 0;
  } finally {
    // Each part is stopped even when an earlier one fails (a connection the database cut, say): the engine's stop hands the runs back.
    await settle("stopping the operator-action processor", () => stopCommands?.());
    await settle("stopping the engine", () => engine.stop({ drainMs: shutdownMs }));
    await settle("closing the run store", () => store.close());
    await settle("closing the app database", () => prisma.$disconnect());
    process.stderr.write(`[orka] worker ${process.pid} stopped; its runs were handed back\n`);
  }
}

async function settle(what: string, stop: () => Promise<unknown> | undefined): Promise<void> {
  try {
    await stop();
  } catch (error) {
    stderrLogger.error(`orka worker: ${what} failed`, error);
  }
}

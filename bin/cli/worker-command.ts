import { stderrLogger } from "../../engine/index";
import { createPrismaClient } from "../../server/db/create-prisma-client";
import { parseDatabaseUrl } from "../../server/db/database-url";
import { openAppEngine, type AppEngine } from "../../server/engine-host/app-engine";
import { leaseSettingsFromEnv } from "../../server/engine-host/lease-env";
import { leaseOwnership } from "../../server/engine-host/run-commands/processor";
import { serveRunCommands } from "../../server/engine-host/run-commands/serve-commands";
import { engineLogger } from "../../server/observability/log";
import { metricsListenFromEnv, startMetricsServer, type MetricsServer } from "../../server/observability/metrics-server";

export interface WorkerFlags {
  db?: string;
  /** `--metrics-port`: wins over ORKA_METRICS_PORT. */
  metricsPort?: string;
}

/**
 * `orka worker`: an engine with no web server on the app's database (`--db`, else `DATABASE_URL`),
 * composed as the web server's (`openAppEngine`: the same handlers, limits, metrics, and traces
 * with OTEL_EXPORTER_OTLP_ENDPOINT). It claims run trees nobody live holds, runs them, and keeps
 * claiming until SIGTERM or SIGINT; then it stops claiming, lets running steps finish for
 * `ORKA_SHUTDOWN_MS`, commits, and hands its runs back (another process claims them at once)
 * before it exits. It also applies the operator actions web servers forward for the runs it holds
 * (`run_commands`). Schedules are not fired here: the web servers fire them (a worker only runs
 * what they start). With `--metrics-port`/ORKA_METRICS_PORT it serves `GET /metrics` (behind
 * ORKA_METRICS_TOKEN) and `GET /health` (server/observability/metrics-server.ts).
 */
export async function workerCommand(flags: WorkerFlags, signals: NodeJS.EventEmitter = process): Promise<number> {
  const url = flags.db ?? process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write("orka worker: give the database with --db <url> or DATABASE_URL\n");
    return 2;
  }
  // Every setting is read before anything opens: a bad one stops the worker with its name.
  const { shutdownMs } = leaseSettingsFromEnv();
  const listen = metricsListenFromEnv(process.env, flags.metricsPort);
  const target = parseDatabaseUrl(url);
  const prisma = createPrismaClient(target);
  let app: AppEngine | undefined;
  let metricsServer: MetricsServer | undefined;
  let stopCommands: (() => Promise<void>) | undefined;
  let status = "starting";
  try {
    const stopped = new Promise<string>((resolve) => {
      for (const signal of ["SIGTERM", "SIGINT"]) signals.once(signal, () => resolve(signal));
    });
    app = await openAppEngine({ url, db: prisma, kind: "worker" });
    const { engine, metrics } = app;
    metrics.sources.engineMode = () => "worker";
    if (listen) {
      metricsServer = await startMetricsServer(listen, metrics, () => status);
      process.stderr.write(`[orka] worker ${process.pid} serves metrics on ${metricsServer.url}/metrics\n`);
    }
    const resumed = await engine.start();
    // Operator actions web servers forward (ORKA_ENGINE=off, or another process acted): applied here for the runs this worker holds or claims.
    stopCommands = serveRunCommands({ db: prisma, engine, target, ownership: leaseOwnership(engine, { db: prisma, kind: "worker" }), logger: engineLogger() });
    status = "running";
    const where = target.provider === "sqlite" ? target.filename : "PostgreSQL";
    process.stderr.write(`[orka] worker ${process.pid} running on ${where}${resumed > 0 ? `, ${resumed} unfinished run(s) taken over` : ""}\n`);
    const signal = await stopped;
    status = "stopping";
    process.stderr.write(`[orka] worker ${process.pid} stopping (${signal}): finishing running steps for up to ${shutdownMs} ms\n`);
    return 0;
  } finally {
    status = "stopping";
    // Each part is stopped even when an earlier one fails (a connection the database cut, say): the engine's stop hands the runs back.
    await settle("stopping the operator-action processor", () => stopCommands?.());
    await settle("stopping the engine", () => app?.engine.stop({ drainMs: shutdownMs }));
    await settle("exporting the last spans", () => app?.closeTracing());
    await settle("closing the run store", () => app?.store.close());
    await settle("closing the app database", () => prisma.$disconnect());
    await settle("closing the metrics endpoint", () => metricsServer?.close());
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

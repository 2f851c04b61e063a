import { createEngine, type Engine, type Logger, type RunStore } from "../../engine/index";
import type { Db } from "../db/create-prisma-client";
import { engineLogger } from "../observability/log";
import { getMetrics, type OrkaMetrics } from "../observability/metrics";
import { runTracerFromEnv } from "../observability/run-tracer-env";
import { teamSecretResolver } from "../secrets/team-secret-resolver";
import { coalescedSubmits } from "./coalesced-submits";
import { engineOptionsFromEnv } from "./engine-env";
import { prismaWorkflowResolver } from "./prisma-workflow-resolver";
import { openRunStore } from "./stores/open-run-store";

export interface AppEngineOptions {
  /** The run store's database (`DATABASE_URL`, `--db`). */
  url: string;
  /** The app's database: workflows that sub-workflow and map steps call, team secrets. */
  db: Db;
  /** What the engine's lease says it is, for operators: "server" (a web server), "worker" (`orka worker`). */
  kind: "server" | "worker";
  /** Default: the process's structured log (pino, with runId/stepId fields). */
  logger?: Logger;
  env?: Record<string, string | undefined>;
  /** The engine only starts runs for others to run (`ORKA_ENGINE=off`): concurrent starts share a commit. */
  submitsOnly?: boolean;
}

export interface AppEngine {
  engine: Engine;
  /** The engine's store; the caller closes it after stopping the engine. */
  store: RunStore;
  /** The process's Prometheus registry, fed by `engine`'s commits; its gauges read `engine.usage()`. */
  metrics: OrkaMetrics;
  /** Exports the spans still buffered and stops tracing (after the engine's last commit); nothing without tracing. */
  closeTracing(): Promise<void>;
}

/**
 * The engine of an app process, composed one way for a web server (engine-host.ts) and for
 * `orka worker`, so every process that runs steps has the same step handlers, limits and
 * environment handling (`engineOptionsFromEnv`: a bad value throws, naming it, before the store
 * is opened), the same metrics (prom-client) and, with OTEL_EXPORTER_OTLP_ENDPOINT, the same
 * traces: a span per step attempt in the run's trace, which comes from the stored run (its
 * `trace_parent`, else its root run's id), so whichever process runs a step continues it.
 *
 * @example
 * const { engine, store, closeTracing } = await openAppEngine({ url, db, kind: "worker" });
 */
export async function openAppEngine({ url, db, kind, logger = engineLogger(), env = process.env, submitsOnly = false }: AppEngineOptions): Promise<AppEngine> {
  const options = engineOptionsFromEnv(env);
  // Only with OTEL_EXPORTER_OTLP_ENDPOINT: otherwise no span is made at all (and OpenTelemetry is not loaded).
  const tracer = await runTracerFromEnv(env);
  // On SQLite, WAL checkpoints run in a worker thread rather than inside the engine's commits.
  const store = await openRunStore(url, { sqliteBackgroundCheckpoints: { logger } });
  const metrics = getMetrics();
  const engine = createEngine({
    store: submitsOnly ? coalescedSubmits(store) : store,
    resolver: prismaWorkflowResolver(db),
    secrets: teamSecretResolver(db, env),
    ...options,
    leases: { ...options.leases, kind },
    logger,
    observer: tracer ? { ...metrics.observer, ...tracer.observer } : metrics.observer,
  });
  metrics.sources.engineUsage = () => engine.usage();
  return {
    engine,
    store,
    metrics,
    async closeTracing() {
      await tracer?.shutdown();
    },
  };
}

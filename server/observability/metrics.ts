import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { AttemptOutcome, EngineObserver, WorkflowName } from "../../engine/index";
import { engineModeFromEnv } from "../engine-host/engine-mode-env";

/** What the gauges read when scraped; set by whoever owns the thing counted. */
export interface MetricSources {
  engineUsage?: () => { runsInMemory: number; stepsRunning: number; stepsWaitingForSlot: number };
  eventStreamClients?: () => number;
  /** What `orka_engine_mode` reports; default ORKA_ENGINE's mode (a web server). `orka worker` says "worker". */
  engineMode?: () => string;
}

const durationBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
const batchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/**
 * The server's Prometheus registry (prom-client) and the engine observer that feeds it. Counters
 * are updated after each group commit from what it made durable, so they agree with the database.
 */
export class OrkaMetrics {
  readonly registry = new Registry();
  readonly sources: MetricSources = {};
  readonly leaseTakeovers: Counter;
  readonly observer: EngineObserver;

  constructor() {
    const registers = [this.registry];
    const runsStarted = new Counter({ name: "orka_runs_started_total", help: "Runs started, by workflow.", labelNames: ["namespace", "workflow"], registers });
    const runsFinished = new Counter({
      name: "orka_runs_finished_total",
      help: "Runs that reached a final status (completed, failed, cancelled), by workflow.",
      labelNames: ["namespace", "workflow", "status"],
      registers,
    });
    const attempts = new Histogram({
      name: "orka_step_attempt_duration_seconds",
      help: "Step attempts from step.started to their outcome (completed, failed, retrying), by step type.",
      labelNames: ["type", "outcome"],
      buckets: durationBuckets,
      registers,
    });
    const retries = new Counter({ name: "orka_step_retries_total", help: "Step attempts that failed and will be retried, by step type.", labelNames: ["type"], registers });
    const commitRuns = new Histogram({ name: "orka_commit_batch_runs", help: "Runs written per group commit.", buckets: batchBuckets, registers });
    const commitEvents = new Histogram({ name: "orka_commit_batch_events", help: "Run events written per group commit.", buckets: batchBuckets, registers });
    const commitDuration = new Histogram({ name: "orka_commit_duration_seconds", help: "Time to write one group commit.", buckets: durationBuckets, registers });
    const commitFailures = new Counter({ name: "orka_commit_failures_total", help: "Group commits that failed (their runs are reloaded).", registers });
    const leaseTakeovers = (this.leaseTakeovers = new Counter({ name: "orka_lease_takeovers_total", help: "Run trees (a top-level run with its child runs) taken over from a process whose lease expired or whose process died.", registers }));
    this.gauges(registers);
    collectDefaultMetrics({ register: this.registry, prefix: "orka_" });

    // One child per label set, found without building a key: the observer runs once per step attempt.
    const attemptChildren = new Map<string, Record<AttemptOutcome, { observe(seconds: number): void }>>();
    const attemptsOf = (type: string) => {
      let children = attemptChildren.get(type);
      if (!children) {
        children = { completed: attempts.labels(type, "completed"), failed: attempts.labels(type, "failed"), retrying: attempts.labels(type, "retrying") };
        attemptChildren.set(type, children);
      }
      return children;
    };
    this.observer = {
      commit(runs, events, durationMs, failed) {
        if (failed) return commitFailures.inc();
        commitRuns.observe(runs);
        commitEvents.observe(events);
        commitDuration.observe(durationMs / 1000);
      },
      treesTakenOver: (trees) => leaseTakeovers.inc(trees),
      runStarted: ({ namespace, name }: WorkflowName) => runsStarted.labels(namespace, name).inc(),
      runFinished: ({ namespace, name }: WorkflowName, status) => runsFinished.labels(namespace, name, status).inc(),
      attemptEnded(type, outcome, durationMs) {
        attemptsOf(type)[outcome].observe(durationMs / 1000);
        if (outcome === "retrying") retries.labels(type).inc();
      },
    };
  }

  private gauges(registers: Registry[]): void {
    const sources = this.sources;
    const usage = () => sources.engineUsage?.() ?? { runsInMemory: 0, stepsRunning: 0, stepsWaitingForSlot: 0 };
    new Gauge({ name: "orka_steps_queued", help: "Queued steps waiting for a free handler slot in this process (queue depth).", registers, collect() {
      this.set(usage().stepsWaitingForSlot);
    } });
    new Gauge({ name: "orka_steps_running", help: "Step handlers running in this process.", registers, collect() {
      this.set(usage().stepsRunning);
    } });
    new Gauge({ name: "orka_runs_in_memory", help: "Unfinished runs this process holds in memory.", registers, collect() {
      this.set(usage().runsInMemory);
    } });
    new Gauge({ name: "orka_engine_mode", help: "1 for this process's engine mode: a web server's ORKA_ENGINE (embedded executes runs, off leaves them to workers), or worker (orka worker).", labelNames: ["mode"], registers, collect() {
      const mode = sources.engineMode?.() ?? engineModeFromEnv();
      this.reset();
      this.labels(mode).set(1);
    } });
    new Gauge({ name: "orka_event_stream_clients", help: "Clients following a run's live events (tRPC subscriptions and REST streams).", registers, collect() {
      this.set(sources.eventStreamClients?.() ?? 0);
    } });
  }
}

// Next evaluates server modules several times: one registry per process, or counts split between copies.
const globalForMetrics = globalThis as typeof globalThis & { orkaMetrics?: OrkaMetrics };

/** The process's metrics. */
export function getMetrics(): OrkaMetrics {
  return (globalForMetrics.orkaMetrics ??= new OrkaMetrics());
}

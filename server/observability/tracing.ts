import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Context } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type IdGenerator } from "@opentelemetry/sdk-trace-base";
import { attemptSpanIdOf, runSpanIdOf, type AttemptRecord, type EngineObserver, type RunRecord } from "../../engine/index";

/**
 * Ids for the next span, set just before `startSpan` (which asks for them synchronously): span
 * ids come from run identity (engine/runtime/trace-ids.ts), so an `http` step's `traceparent`
 * names the span exported for its attempt, in any process, after any restart.
 */
class DerivedIds implements IdGenerator {
  traceId = "";
  spanId = "";
  generateTraceId = () => this.traceId;
  generateSpanId = () => this.spanId;
}

export interface RunTracer {
  observer: Pick<EngineObserver, "attemptRecorded" | "runRecorded">;
  /** Exports what is buffered (tests; shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces of runs, exported over OTLP/HTTP to `endpoint` (the collector's base URL,
 * `/v1/traces` is appended as OTEL_EXPORTER_OTLP_ENDPOINT specifies). One trace per run tree (the
 * caller's trace when a webhook or REST start carried a `traceparent`: the run's span then hangs
 * under the caller's span); a span per run (child runs under their parent's) and per step attempt,
 * made after the commit that ended them with their committed start and end times.
 */
export function createRunTracer({ endpoint, serviceName = "orka" }: { endpoint: string; serviceName?: string }): RunTracer {
  const ids = new DerivedIds();
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, "")}/v1/traces` });
  const provider = new BasicTracerProvider({
    idGenerator: ids,
    resource: resourceFromAttributes({ "service.name": serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 })],
  });
  const tracer = provider.getTracer("orka-engine");
  const parentOf = (traceId: string, spanId: string): Context =>
    trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED, isRemote: true });

  function attemptRecorded(record: AttemptRecord): void {
    ids.spanId = attemptSpanIdOf(record.runId, record.stepId, record.attempt);
    const span = tracer.startSpan(
      `step ${record.stepId}`,
      {
        kind: SpanKind.INTERNAL,
        startTime: record.startedAt,
        attributes: { "orka.run.id": record.runId, "orka.step.id": record.stepId, "orka.step.type": record.stepType, "orka.step.attempt": record.attempt, "orka.step.outcome": record.outcome },
      },
      parentOf(record.traceId, runSpanIdOf(record.runId)),
    );
    if (record.outcome !== "completed") span.setStatus({ code: SpanStatusCode.ERROR, message: record.error?.message });
    span.end(record.endedAt);
  }

  function runRecorded(record: RunRecord): void {
    const { traceId, callerSpanId } = record;
    ids.traceId = traceId;
    ids.spanId = runSpanIdOf(record.runId);
    // A child run hangs under its parent run; a top-level run under the caller's span, when its start carried a traceparent.
    const parentSpanId = record.parentRunId ? runSpanIdOf(record.parentRunId) : callerSpanId;
    const parent = parentSpanId ? parentOf(traceId, parentSpanId) : ROOT_CONTEXT;
    const span = tracer.startSpan(
      `run ${record.workflow.namespace}/${record.workflow.name}`,
      {
        kind: SpanKind.INTERNAL,
        root: !parentSpanId,
        startTime: record.startedAt ?? record.endedAt,
        attributes: { "orka.run.id": record.runId, "orka.workflow.namespace": record.workflow.namespace, "orka.workflow.name": record.workflow.name, "orka.run.status": record.status },
      },
      parent,
    );
    if (record.status !== "completed") span.setStatus({ code: SpanStatusCode.ERROR, message: record.status });
    span.end(record.endedAt);
  }

  return {
    observer: { attemptRecorded, runRecorded },
    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}

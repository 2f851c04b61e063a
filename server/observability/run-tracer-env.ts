import type { RunTracer } from "./tracing";

/**
 * The tracer when OTEL_EXPORTER_OTLP_ENDPOINT is set (OTEL_SERVICE_NAME names the service), else
 * null: nothing is recorded. OpenTelemetry's SDK and OTLP exporter (./tracing.ts) are loaded only
 * then: without an endpoint they would cost the server's heap their module code for nothing.
 */
export async function runTracerFromEnv(env: Record<string, string | undefined> = process.env): Promise<RunTracer | null> {
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!endpoint) return null;
  const { createRunTracer } = await import("./tracing");
  return createRunTracer({ endpoint, serviceName: env.OTEL_SERVICE_NAME?.trim() || "orka" });
}

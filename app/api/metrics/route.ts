import { getMetrics } from "@/server/observability/metrics";
import { answerMetrics } from "@/server/observability/metrics-endpoint";

export const dynamic = "force-dynamic";

/** `GET /api/metrics`: Prometheus text format, behind `ORKA_METRICS_TOKEN` (see server/observability/metrics-endpoint.ts). */
export function GET(request: Request) {
  return answerMetrics(request, getMetrics());
}

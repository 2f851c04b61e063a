import { checkHealth } from "@/server/health/health";

// Computed per request: a prerendered or cached answer would say nothing about the server now.
export const dynamic = "force-dynamic";

/** `GET /api/health`: for load balancers and tests; anyone may ask (see server/health/health.ts). */
export async function GET() {
  const { httpStatus, report } = await checkHealth();
  return Response.json(report, { status: httpStatus, headers: { "cache-control": "no-store" } });
}

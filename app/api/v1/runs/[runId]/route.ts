import { appHttpDeps } from "@/server/http/app-deps";
import { handleGetRun } from "@/server/api/rest/runs/get.handler";

export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  return handleGetRun(appHttpDeps(), request, (await params).runId);
}

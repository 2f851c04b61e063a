import { appTriggerDeps } from "@/server/triggers/http/app-deps";
import { handleGetRun } from "@/server/triggers/http/rest-get-run";

export async function GET(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  return handleGetRun(appTriggerDeps(), request, (await params).runId);
}

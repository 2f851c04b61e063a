import { appTriggerDeps } from "@/server/triggers/http/app-deps";
import { handleStartRun } from "@/server/triggers/http/rest-start-run";

export async function POST(request: Request, { params }: { params: Promise<{ workflowId: string }> }) {
  return handleStartRun(appTriggerDeps(), request, (await params).workflowId);
}

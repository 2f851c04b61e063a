import { appHttpDeps } from "@/server/http/app-deps";
import { handleStartRun } from "@/server/api/rest/runs/start.handler";

export async function POST(request: Request, { params }: { params: Promise<{ workflowId: string }> }) {
  return handleStartRun(appHttpDeps(), request, (await params).workflowId);
}

import { appHttpDeps } from "@/server/http/app-deps";
import { handleRedriveRun } from "@/server/api/rest/runs/redrive.handler";

export async function POST(request: Request, { params }: { params: Promise<{ runId: string }> }) {
  return handleRedriveRun(appHttpDeps(), request, (await params).runId);
}

import { appHttpDeps } from "@/server/http/app-deps";
import { handleListRuns } from "@/server/api/rest/runs/list.handler";

export async function GET(request: Request) {
  return handleListRuns(appHttpDeps(), request);
}

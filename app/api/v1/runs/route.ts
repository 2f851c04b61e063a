import { appTriggerDeps } from "@/server/triggers/http/app-deps";
import { handleListRuns } from "@/server/triggers/http/rest-list-runs";

export async function GET(request: Request) {
  return handleListRuns(appTriggerDeps(), request);
}

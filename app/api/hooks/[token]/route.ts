import { appTriggerDeps } from "@/server/triggers/http/app-deps";
import { handleWebhook } from "@/server/triggers/http/webhook-route";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return handleWebhook(appTriggerDeps(), request, (await params).token);
}

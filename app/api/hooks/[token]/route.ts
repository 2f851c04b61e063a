import { appHttpDeps } from "@/server/http/app-deps";
import { handleWebhook } from "@/server/triggers/webhook-route";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  return handleWebhook(appHttpDeps(), request, (await params).token);
}

import "server-only";
import { z } from "zod";
import { hashSecret, newSecret } from "./secrets";
import type { Db } from "@/server/db/create-prisma-client";
import type { PublishedWorkflow, StartCatalog } from "./start-catalog";

export const webhookPathPrefix = "/api/hooks/";

/** What `newSecret()` makes, with room: anything else cannot be a token. */
export const webhookTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

export interface IssuedWebhook {
  /** The secret, shown this once: only its hash is stored. */
  token: string;
  urlPath: string;
  createdAt: Date;
}

/** Gives the workflow a new webhook token; the previous one stops working in the same write. */
export async function issueWebhookToken(db: Pick<Db, "workflowWebhook">, workflowId: string, now = new Date()): Promise<IssuedWebhook> {
  const token = newSecret();
  const tokenHash = hashSecret(token);
  await db.workflowWebhook.upsert({
    where: { workflowId },
    create: { workflowId, tokenHash, createdAt: now },
    update: { tokenHash, createdAt: now, lastUsedAt: null },
  });
  return { token, urlPath: `${webhookPathPrefix}${token}`, createdAt: now };
}

export interface WebhookTarget {
  workflowId: string;
  teamId: string;
  /** The token as a credential ("webhook:<sha256>"): what its rate limit and idempotency keys belong to. */
  credential: string;
  /** The workflow and its latest version, read with the token. */
  published: PublishedWorkflow;
}

/** The workflow a token starts, or null for an unknown or malformed one (callers answer 404 either way). */
export async function findWebhookTarget(catalog: StartCatalog, token: string): Promise<WebhookTarget | null> {
  if (!webhookTokenSchema.safeParse(token).success) return null;
  const tokenHash = hashSecret(token);
  const webhook = await catalog.findWebhook(tokenHash);
  return webhook && { ...webhook, credential: `webhook:${tokenHash}` };
}

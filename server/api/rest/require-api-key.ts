import "server-only";
import type { HttpDeps } from "@/server/http/deps";
import { HttpError } from "@/server/http/responses";
import { authenticateApiKey, type ApiKeyPrincipal } from "./api-keys";
import type { DoorRequest } from "@/server/http/door-request";

export const apiKeyChallenge = 'Bearer realm="orka"';
const challenge = { "www-authenticate": apiKeyChallenge };

/**
 * The team of the request's `Authorization: Bearer orka_…` key; 401 without a valid, unrevoked
 * one, 429 when the key is over its rate limit.
 */
export async function requireApiKey(deps: HttpDeps, request: Pick<DoorRequest, "headers">): Promise<ApiKeyPrincipal> {
  const header = request.headers.get("authorization");
  if (!header) throw new HttpError("UNAUTHORIZED", "send an API key as Authorization: Bearer orka_…", undefined, challenge);
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const principal = match ? await authenticateApiKey(deps.db, match[1]!) : null;
  if (!principal) throw new HttpError("UNAUTHORIZED", "the API key is not valid (unknown or revoked)", undefined, challenge);
  await deps.rateLimiter.consume("api", `api-key:${principal.keyId}`);
  return principal;
}

import "server-only";
import { hashSecret, newSecret } from "@/server/triggers/secrets";
import type { Db } from "@/server/db/create-prisma-client";

const keyPrefix = "orka_";
/** Characters of a key kept in clear (`orka_` + 8), enough to tell a team's keys apart in a list. */
const shownLength = keyPrefix.length + 8;
/** `last_used_at` is written at most this often per key, so a busy client does not write on every call. */
const lastUsedResolutionMs = 60_000;

export interface IssuedApiKey {
  id: string;
  /** The whole key, shown this once: only its hash is stored. */
  key: string;
  prefix: string;
  createdAt: Date;
}

export async function issueApiKey(db: Pick<Db, "apiKey">, request: { teamId: string; name: string; createdById: string }): Promise<IssuedApiKey> {
  const key = `${keyPrefix}${newSecret()}`;
  const prefix = key.slice(0, shownLength);
  const created = await db.apiKey.create({
    data: { teamId: request.teamId, name: request.name, prefix, keyHash: hashSecret(key), createdById: request.createdById },
    select: { id: true, createdAt: true },
  });
  return { id: created.id, key, prefix, createdAt: created.createdAt };
}

export interface ApiKeyPrincipal {
  keyId: string;
  /** The key's name, as the audit log names what it did ("API key CI"). */
  keyName: string;
  teamId: string;
}

/** The team a presented key acts for, or null when it is unknown, malformed or revoked. */
export async function authenticateApiKey(db: Db, key: string, now = new Date()): Promise<ApiKeyPrincipal | null> {
  if (!key.startsWith(keyPrefix) || key.length > 200) return null;
  const found = await db.apiKey.findUnique({
    where: { keyHash: hashSecret(key) },
    select: { id: true, name: true, teamId: true, revokedAt: true, lastUsedAt: true },
  });
  if (!found || found.revokedAt) return null;
  if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > lastUsedResolutionMs) {
    await db.apiKey.update({ where: { id: found.id }, data: { lastUsedAt: now }, select: { id: true } });
  }
  return { keyId: found.id, keyName: found.name, teamId: found.teamId };
}

import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: webhook tokens and API keys. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What is stored for a secret: its sha256 in hex. Tokens carry 256 random bits, so a plain hash
 * (no salt, no stretching) cannot be reversed, and lookup by hash compares no secret byte by byte.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

import "server-only";
import { getAppDatabase } from "@/server/db/prisma";
import { trustedProxyHops } from "./client-address";
import { createAuth, type OrkaAuth } from "./create-auth";

const globalForAuth = globalThis as unknown as { orkaAuth?: OrkaAuth };

/** The public URL of this server: ORKA_URL, else http://HOST:PORT as `npm start` serves it. */
export function appBaseUrl(): string {
  return process.env.ORKA_URL || `http://${process.env.HOST || "127.0.0.1"}:${process.env.PORT || "3000"}`;
}

/** Origins besides this server's own allowed to change state: ORKA_TRUSTED_ORIGINS (comma-separated). */
function extraTrustedOrigins(): string[] {
  return (process.env.ORKA_TRUSTED_ORIGINS ?? "").split(",").map((origin) => origin.trim()).filter(Boolean);
}

/** Every origin allowed to change state: this server's own, then ORKA_TRUSTED_ORIGINS. */
export function trustedOrigins(): string[] {
  return [new URL(appBaseUrl()).origin, ...extraTrustedOrigins()];
}

/** One better-auth instance per process (Next evaluates modules more than once). */
export function getAppAuth(): OrkaAuth {
  if (globalForAuth.orkaAuth) return globalForAuth.orkaAuth;
  const secret = process.env.ORKA_AUTH_SECRET || process.env.BETTER_AUTH_SECRET;
  if (!secret || secret.length < 32)
    throw new Error("ORKA_AUTH_SECRET is not set (32+ random characters; `npm start` generates one in data/): sessions cannot be signed");
  const { db, provider } = getAppDatabase();
  globalForAuth.orkaAuth = createAuth({
    db,
    provider,
    baseURL: appBaseUrl(),
    secret,
    trustedOrigins: extraTrustedOrigins(),
    trustedProxyHops: trustedProxyHops(process.env.ORKA_TRUST_PROXY),
  });
  return globalForAuth.orkaAuth;
}

import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import type { Db, DbProvider } from "@/server/db/create-prisma-client";
import { claimFirstTeam, isFirstSignUp } from "./first-owner";
import { joinByInvite, requireUsableInvite } from "./invite-sign-up";
import { SignInThrottle } from "./sign-in-throttle";

export const passwordLength = { min: 10, max: 128 } as const;

/** Sign-in attempts: per client address (better-auth's limiter) and per email address (ours). */
export const signInLimits = {
  perAddress: { windowSeconds: 60, max: 5 },
  perEmail: { windowSeconds: 15 * 60, max: 10 },
} as const;

export interface AuthSettings {
  db: Db;
  provider: DbProvider;
  /** The public URL people open (scheme decides the cookie's Secure flag). */
  baseURL: string;
  /** Signs session cookies; at least 32 random characters. */
  secret: string;
  /** Origins whose requests may change state besides `baseURL`'s own. */
  trustedOrigins?: string[];
  /** Off only in tests that call the handler many times on purpose. */
  rateLimit?: boolean;
}

/**
 * better-auth on our Prisma client: email + password (scrypt), database sessions behind an
 * httpOnly SameSite=Lax cookie, origin checks on every state-changing /api/auth request, and
 * database-backed rate limits. Sign-up is open only to the first person on an install (who becomes
 * owner of the first team) and to holders of an invite link; teams and roles stay ours.
 */
export function createAuth(settings: AuthSettings) {
  const { db } = settings;
  const throttle = new SignInThrottle(db, signInLimits.perEmail);
  const origin = new URL(settings.baseURL).origin;
  return betterAuth({
    appName: "Orka",
    baseURL: settings.baseURL,
    secret: settings.secret,
    trustedOrigins: [origin, ...(settings.trustedOrigins ?? [])],
    database: prismaAdapter(db as never, { provider: settings.provider === "postgres" ? "postgresql" : "sqlite" }),
    emailAndPassword: { enabled: true, minPasswordLength: passwordLength.min, maxPasswordLength: passwordLength.max, autoSignIn: true },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      additionalFields: { activeTeamId: { type: "string", required: false, input: false } },
    },
    advanced: {
      // better-auth skips its origin (CSRF) check when NODE_ENV=test; tests must see the real thing.
      disableOriginCheck: false,
      database: { generateId: () => crypto.randomUUID() },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
    },
    telemetry: { enabled: false },
    rateLimit: {
      enabled: settings.rateLimit ?? true,
      storage: "database",
      modelName: "rateLimit",
      customRules: {
        "/sign-in/email": { window: signInLimits.perAddress.windowSeconds, max: signInLimits.perAddress.max },
        "/sign-up/email": { window: 60, max: 5 },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-up/email") {
          if (await isFirstSignUp(db)) return;
          const token = inviteTokenOf(ctx.body);
          if (!token) throw new APIError("FORBIDDEN", { message: "Sign-up needs an invite link: ask an owner of your team for one." });
          await requireUsableInvite(db, token);
        }
        if (ctx.path === "/sign-in/email" && settings.rateLimit !== false) {
          const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
          if (!(await throttle.allow(email)))
            throw new APIError("TOO_MANY_REQUESTS", { message: "Too many sign-in attempts for this account: wait a few minutes and try again." });
        }
      }),
      // A successful sign-in clears the account's count, so only a run of failures locks it.
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || !ctx.context.newSession) return;
        await throttle.clear(ctx.context.newSession.user.email);
      }),
    },
    // A successful sign-in clears the account's count, so only a run of failures locks it.
    databaseHooks: {
      user: {
        create: {
          async after(user, ctx) {
            const token = inviteTokenOf(ctx?.body);
            if (token) await joinByInvite(db, { token, userId: user.id });
            else await claimFirstTeam(db, user.id);
          },
        },
      },
    },
  });
}

export type OrkaAuth = ReturnType<typeof createAuth>;

function inviteTokenOf(body: unknown): string | null {
  const token = (body as { inviteToken?: unknown } | undefined)?.inviteToken;
  return typeof token === "string" && token.length > 0 ? token : null;
}

import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getIP } from "better-auth/api";
import type { Db, DbProvider } from "@/server/db/create-prisma-client";
import { AttemptCounter } from "./attempt-counter";
import { clientAddressHeader, withClientAddress } from "./client-address";
import { queuedPasswordHashing } from "./password-hashing";
import { SignInThrottle } from "./sign-in-throttle";
import { signUpInOneTransaction } from "./sign-up-endpoint";

export const passwordLength = { min: 10, max: 128 } as const;

export interface SignInLimits {
  /** Every sign-in from one client address (better-auth's limiter). */
  perAddress: { windowSeconds: number; max: number };
  /** Sign-ins to one account from one client address (ours); a successful sign-in resets it. */
  perAccountAtAddress: { windowSeconds: number; max: number };
}

export const signInLimits: SignInLimits = {
  perAddress: { windowSeconds: 60, max: 5 },
  perAccountAtAddress: { windowSeconds: 15 * 60, max: 10 },
};

const signUpLimit = { window: 60, max: 5 } as const;

export interface AuthSettings {
  db: Db;
  provider: DbProvider;
  /** The public URL people open (scheme decides the cookie's Secure flag). */
  baseURL: string;
  /** Signs session cookies; at least 32 random characters. */
  secret: string;
  /** Origins whose requests may change state besides `baseURL`'s own. */
  trustedOrigins?: string[];
  /** Reverse proxies in front of Orka whose X-Forwarded-For entries are believed (ORKA_TRUST_PROXY); 0 by default. */
  trustedProxyHops?: number;
  /** Off only in tests that call the handler many times on purpose. */
  rateLimit?: boolean;
  /** Other sign-in limits than `signInLimits` (tests). */
  signInLimits?: SignInLimits;
}

/**
 * better-auth on our Prisma client: email + password (scrypt), database sessions behind an
 * httpOnly SameSite=Lax cookie, origin checks on every state-changing /api/auth request, and
 * database-backed rate limits keyed by the real client address. Sign-up is open only to the first
 * person on an install (who becomes owner of the first team) and to holders of an invite link,
 * and writes all its rows in one transaction (`signUpInOneTransaction`); teams and roles stay ours.
 */
export function createAuth(settings: AuthSettings) {
  const { db } = settings;
  const limits = settings.signInLimits ?? signInLimits;
  const rateLimited = settings.rateLimit ?? true;
  const counter = new AttemptCounter(db, Math.max(limits.perAddress.windowSeconds, limits.perAccountAtAddress.windowSeconds, signUpLimit.window));
  const throttle = new SignInThrottle(counter, { window: limits.perAccountAtAddress.windowSeconds, max: limits.perAccountAtAddress.max });
  const auth = betterAuth({
    appName: "Orka",
    baseURL: settings.baseURL,
    secret: settings.secret,
    trustedOrigins: [new URL(settings.baseURL).origin, ...(settings.trustedOrigins ?? [])],
    database: prismaAdapter(db as never, { provider: settings.provider === "postgres" ? "postgresql" : "sqlite" }),
    // disableSignUp shuts better-auth's built-in sign-up; the plugin's endpoint replaces it.
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: passwordLength.min,
      maxPasswordLength: passwordLength.max,
      autoSignIn: true,
      password: queuedPasswordHashing(),
    },
    plugins: [signUpInOneTransaction({ db, provider: settings.provider })],
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      additionalFields: { activeTeamId: { type: "string", required: false, input: false } },
    },
    advanced: {
      // better-auth skips its origin (CSRF) check when NODE_ENV=test; tests must see the real thing.
      disableOriginCheck: false,
      database: { generateId: () => crypto.randomUUID() },
      // Set by our handler below from the connection (or trusted proxies), never by the client.
      ipAddress: { ipAddressHeaders: [clientAddressHeader] },
    },
    telemetry: { enabled: false },
    rateLimit: {
      enabled: rateLimited,
      customStorage: { consume: (key, rule) => counter.consume(key, rule) },
      customRules: {
        "/sign-in/email": { window: limits.perAddress.windowSeconds, max: limits.perAddress.max },
        "/sign-up/email": signUpLimit,
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || !rateLimited) return;
        const email = typeof ctx.body?.email === "string" ? ctx.body.email : "";
        if (!(await throttle.allow(email, addressOf(ctx))))
          throw new APIError("TOO_MANY_REQUESTS", { message: "Too many sign-in attempts for this account from this address: wait a few minutes and try again." });
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email" || !ctx.context.newSession) return;
        await throttle.clear(ctx.context.newSession.user.email, addressOf(ctx));
      }),
    },
  });
  const proxyHops = settings.trustedProxyHops ?? 0;
  return { ...auth, handler: (request: Request) => auth.handler(withClientAddress(request, proxyHops)) };
}

export type OrkaAuth = ReturnType<typeof createAuth>;

/** The client address as better-auth's limiter keys it (IPv6 by /64). */
function addressOf(ctx: { request?: Request; context: { options: Parameters<typeof getIP>[1] } }): string | null {
  return ctx.request ? getIP(ctx.request, ctx.context.options) : null;
}

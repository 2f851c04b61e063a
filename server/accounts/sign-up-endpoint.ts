import type { BetterAuthPlugin } from "@better-auth/core";
import { APIError, createAuthEndpoint, formCsrfMiddleware } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { parseUserOutput } from "better-auth/db";
import { z } from "zod";
import type { Db, DbProvider } from "@/server/db/create-prisma-client";
import { createAccount } from "./create-account";
import { signUpRefusal } from "./sign-up-refusal";

const signUpBodySchema = z.object({
  name: z.string(),
  email: z.string(),
  password: z.string(),
  /** The secret of the invite link this sign-up uses; absent for the install's first person. */
  inviteToken: z.string().optional(),
  rememberMe: z.boolean().optional(),
  callbackURL: z.string().optional(),
});

const nameLength = { max: 100 } as const;

/**
 * Email + password sign-up whose rows are written in one of our transactions. better-auth's own
 * `/sign-up/email` creates the user and then runs hooks after its commit, so a refused invite or a
 * second "first" person left an account behind. This plugin's endpoint has the same key and path,
 * and plugin endpoints are spread over the built-in ones: it *replaces* the built-in endpoint, so
 * `/api/auth/sign-up/email` and `authClient.signUp.email` reach it, behind the same origin check,
 * rate limit and hooks. (`emailAndPassword.disableSignUp` keeps the built-in one shut should it
 * ever come back.) Validation and hashing follow the built-in endpoint, with better-auth's hasher.
 */
export function signUpInOneTransaction(database: { db: Db; provider: DbProvider }) {
  return {
    id: "orka-sign-up",
    endpoints: {
      signUpEmail: createAuthEndpoint("/sign-up/email", { method: "POST", body: signUpBodySchema, use: [formCsrfMiddleware] }, async (ctx) => {
        const { password, rememberMe } = ctx.body;
        const claim = { name: ctx.body.name.trim(), email: ctx.body.email.trim().toLowerCase(), inviteToken: ctx.body.inviteToken || null };
        if (!claim.name || claim.name.length > nameLength.max) throw new APIError("BAD_REQUEST", { message: `Enter a name of 1 to ${nameLength.max} characters.` });
        if (!z.email().safeParse(claim.email).success) throw new APIError("BAD_REQUEST", { message: "Enter a valid email address." });
        const { minPasswordLength, maxPasswordLength } = ctx.context.password.config;
        if (password.length < minPasswordLength) throw new APIError("BAD_REQUEST", { message: `Use a password of at least ${minPasswordLength} characters.` });
        if (password.length > maxPasswordLength) throw new APIError("BAD_REQUEST", { message: `Use a password of at most ${maxPasswordLength} characters.` });

        const refusal = await signUpRefusal(database.db, claim);
        if (refusal) throw refusal;
        const passwordHash = await ctx.context.password.hash(password);
        const { user, session } = await createAccount(ctx.context, database, { ...claim, passwordHash, rememberMe: rememberMe !== false });
        await setSessionCookie(ctx, { session, user }, rememberMe === false);
        return ctx.json({ token: session.token, user: parseUserOutput(ctx.context.options, user) });
      }),
    },
  } satisfies BetterAuthPlugin;
}

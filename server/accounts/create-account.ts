import { runWithAdapter } from "@better-auth/core/context";
import type { AuthContext } from "@better-auth/core";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { Db, DbProvider } from "@/server/db/create-prisma-client";
import { acceptInvite, type TeamsDb } from "@/server/teams";
import { makeFirstOwner } from "./first-owner";
import { asInviteRefusal, signUpRefusal } from "./sign-up-refusal";

export interface NewAccount {
  name: string;
  /** Lowercased. */
  email: string;
  /** From better-auth's own hasher (`ctx.context.password.hash`). */
  passwordHash: string;
  inviteToken: string | null;
  /** False: the session lasts a day and the cookie ends with the browser session (better-auth's rule). */
  rememberMe: boolean;
}

/**
 * Creates the person in one transaction: user, credential account, membership (owner of the first
 * team, or the invite's team and role), the invite's use, and the session. A refused or failed
 * sign-up rolls all of it back, so it leaves no row behind. Rows better-auth owns are written by
 * its own internal adapter, bound to this transaction, so its defaults (ids, session token and
 * expiry, client address) apply as on its built-in endpoint.
 */
export async function createAccount(auth: AuthContext, { db, provider }: { db: Db; provider: DbProvider }, account: NewAccount) {
  try {
    return await db.$transaction(
      async (tx) => {
        await lockSignUps(tx, provider);
        const refusal = await signUpRefusal(tx, account);
        if (refusal) throw refusal;
        // better-auth runs its database hooks' `after` callbacks here, before our commit: Orka sets none.
        return runWithAdapter(authAdapterOn(tx, provider, auth), async () => {
          const user = await auth.internalAdapter.createUser({ name: account.name, email: account.email, emailVerified: false }, { method: "email-password" });
          await auth.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: account.passwordHash });
          if (account.inviteToken) await acceptInvite(tx, { token: account.inviteToken, userId: user.id });
          else await makeFirstOwner(tx, user);
          const session = await auth.internalAdapter.createSession(user.id, !account.rememberMe);
          return { user, session };
        });
      },
      // Sign-ups queue on one lock; a burst on a busy machine may wait longer than Prisma's 2 s default.
      { maxWait: 15_000, timeout: 15_000 },
    );
  } catch (error) {
    throw asInviteRefusal(error);
  }
}

/**
 * Sign-ups one at a time, so "is anyone here yet?" and "is this invite unused?" stay answered
 * until commit. PostgreSQL: a transaction-scoped advisory lock (READ COMMITTED then sees every
 * sign-up committed before it). SQLite allows one writer: a write, even of no row, takes the
 * database's write lock for the rest of the transaction, before anything is read.
 */
async function lockSignUps(tx: TeamsDb, provider: DbProvider): Promise<void> {
  if (provider === "postgres") await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('orka.sign-up'))`;
  else await tx.$executeRaw`UPDATE users SET name = name WHERE 0 = 1`;
}

/** better-auth's adapter over the transaction client (its own `transaction` option stays off). */
function authAdapterOn(tx: TeamsDb, provider: DbProvider, auth: AuthContext) {
  return prismaAdapter(tx as never, { provider: provider === "postgres" ? "postgresql" : "sqlite" })(auth.options);
}

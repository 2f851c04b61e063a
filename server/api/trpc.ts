import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { dataTransformer } from "@/components/trpc/query-data";
import { ZodError } from "zod";
import type { Engine } from "@/engine";
import type { RunEventFeed } from "@/server/engine-host/run-event-feed";
import { formatPath } from "@/engine/definition/issues";
import { getAppAuth } from "@/server/accounts/app-auth";
import { getCaller, type Session } from "@/server/auth";
import { getAppDatabase, type Db, type DbProvider } from "@/server/db/prisma";
import { hasRole, isRole, type Role } from "@/server/roles";
import { issuesOf, toTRPCError } from "./errors";

export interface TRPCContext {
  db: Db;
  dbProvider: DbProvider;
  session: Session | null;
  /**
   * The signed-in person when they belong to no team yet (removed from their last one): `session`
   * is then null, and only `signedInProcedure`s (create a team, accept an invite) serve them.
   */
  person?: SignedInPerson | null;
  /**
   * The engine that runs workflows, for procedures that start or act on runs. Optional so that
   * callers which never run anything (most tests, scripts) need not start one; such a procedure
   * throws INTERNAL_SERVER_ERROR without it (see `requireEngine`).
   */
  getEngine?: () => Promise<Engine>;
  /** The process's run event feed, for `runs.events`; optional like `getEngine` (see `requireRunEventFeed`). */
  getRunEventFeed?: () => Promise<RunEventFeed>;
}

export interface SignedInPerson {
  user: Session["user"];
  sessionId?: string;
}

/** The caller's membership, read from the database on every call (never trusted from the session). */
export interface TeamMembership {
  userId: string;
  teamId: string;
  role: Role;
}

export type TeamContext = TRPCContext & { session: Session; membership: TeamMembership };

/** The context of an HTTP request: the caller comes from its session cookie. */
export async function createTRPCContext({ headers }: { headers: Headers }): Promise<TRPCContext> {
  const { db, provider } = getAppDatabase();
  const { session, person } = await getCaller(getAppAuth(), db, headers);
  return { db, dbProvider: provider, session, person, getEngine: getHostEngine, getRunEventFeed: getHostRunEventFeed };
}

// Imported on first use, so what only imports the routers (tests, scripts) never loads the engine host.
async function getHostEngine(): Promise<Engine> {
  const { getEngineHost } = await import("@/server/engine-host/engine-host");
  return (await getEngineHost()).engine;
}

async function getHostRunEventFeed(): Promise<RunEventFeed> {
  const { getRunEventFeed } = await import("@/server/engine-host/run-event-feed");
  return getRunEventFeed();
}

/** The context's run event feed, or a clear INTERNAL_SERVER_ERROR when this server has none. */
export async function requireRunEventFeed(ctx: Pick<TRPCContext, "getRunEventFeed">): Promise<RunEventFeed> {
  if (!ctx.getRunEventFeed) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "no run event feed is available to this server (TRPCContext.getRunEventFeed is not set)" });
  return ctx.getRunEventFeed();
}

/** The context's engine, or a clear INTERNAL_SERVER_ERROR when this server was wired without one. */
export async function requireEngine(ctx: Pick<TRPCContext, "getEngine">): Promise<Engine> {
  if (!ctx.getEngine) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "no workflow engine is available to this server (TRPCContext.getEngine is not set)" });
  return ctx.getEngine();
}

const t = initTRPC.context<TRPCContext>().create({
  // superjson, without walking plain JSON such as a 2,000-step draft (the browser uses the same).
  transformer: dataTransformer,
  // Run streams can be silent for hours (an approval): pings keep proxies from closing them, and a
  // client that hears nothing for longer reconnects, resuming after the last event id it saw.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
  errorFormatter({ shape, error }) {
    const zodIssues =
      error.cause instanceof ZodError
        ? error.cause.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
        : null;
    return { ...shape, data: { ...shape.data, issues: zodIssues ?? issuesOf(error.cause) } };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// A thrown non-tRPC error arrives here wrapped as INTERNAL_SERVER_ERROR with the original as cause.
const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR" && result.error.cause) throw toTRPCError(result.error.cause);
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

function requireRole(required: Role) {
  return t.middleware(async ({ ctx, next }) => {
    if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
    const membership = await ctx.db.membership.findUnique({
      where: { userId_teamId: { userId: ctx.session.user.id, teamId: ctx.session.team.id } },
      select: { userId: true, teamId: true, role: true },
    });
    if (!membership || !isRole(membership.role)) throw new TRPCError({ code: "FORBIDDEN", message: "not a member of this team" });
    if (!hasRole(membership.role, required)) throw new TRPCError({ code: "FORBIDDEN", message: `needs the ${required} role` });
    return next({ ctx: { session: ctx.session, membership: { ...membership, role: membership.role } } });
  });
}

/** Anyone signed in, whatever their role in the current team: their own account and team list, creating a team, accepting an invite. */
export const signedInProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const person = ctx.session ? { user: ctx.session.user, sessionId: ctx.session.sessionId } : ctx.person;
  if (!person) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
  return next({ ctx: { person } });
});

/** Any member of the session's team (viewer and up): reads. */
export const teamProcedure = publicProcedure.use(requireRole("viewer"));
/** Editors and owners: edit, publish, run, resolve, cancel. */
export const editorProcedure = publicProcedure.use(requireRole("editor"));
/** Owners: team membership and settings. */
export const ownerProcedure = publicProcedure.use(requireRole("owner"));

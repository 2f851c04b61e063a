import type { AnyTRPCProcedure, inferRouterInputs, TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";
import { hasRole, type Role } from "@/server/roles";
import type { World } from "./world";

/** The dotted paths of a router record's procedures, nested routers included. */
type PathsOf<R, Prefix extends string = ""> = {
  [K in keyof R & string]: R[K] extends AnyTRPCProcedure ? `${Prefix}${K}` : PathsOf<R[K], `${Prefix}${K}.`>;
}[keyof R & string];

/** What a dotted path leads to in a nested record. */
type At<T, P extends string> = P extends `${infer K}.${infer Rest}` ? (K extends keyof T ? At<T[K], Rest> : never) : P extends keyof T ? T[P] : never;

/**
 * Every procedure of the app router by its path, as `appRouter._def.procedures` keys it:
 * "workflows.get", "teams.invites.accept".
 */
export type ProcedurePath = PathsOf<AppRouter["_def"]["record"]>;

export type ProcedureInput<P extends ProcedurePath> = At<inferRouterInputs<AppRouter>, P>;

/**
 * Who calls: nobody signed in, a member of team A by role, an owner of team B, or a signed-in
 * person in no team at all (they have no session, only `ctx.person`).
 */
export const actors = ["anonymous", "viewer", "editor", "owner", "outsider", "teamless"] as const;
export type Actor = (typeof actors)[number];

/** What else an answer is checked against. */
export interface AnswerContext {
  actor: Actor;
  world: World;
}

/**
 * How one procedure answers each actor. Its input is built in team A (the world's team) and the
 * call goes through `createCaller` against the real database and engine.
 */
export interface AccessCase<P extends ProcedurePath = ProcedurePath> {
  path: P;
  /** Tells apart two cases of one procedure in the test names ("dry run"). */
  label?: string;
  /**
   * The weakest role of team A that may call it; "signed-in" when anyone signed in may, in a team
   * or not (`signedInProcedure`); "anyone" when no sign-in is needed either (`publicProcedure`).
   */
  allowed: Role | "signed-in" | "anyone";
  /**
   * What the owner of another team gets, and for a "signed-in" or "anyone" procedure the person in
   * no team too. "NOT_FOUND" for anything addressed by id; "own-team" for lists and creates, which
   * act on the caller's own team (or account): the answer must name no id of team A; "allowed"
   * when the input itself is the permission (an invite link's token).
   */
  outsider: "NOT_FOUND" | "own-team" | "allowed";
  /**
   * The call changes the caller's own memberships (leave, accept an invite, create a team): each
   * call is then made by a stand-in, a new person with the actor's role in the actor's team (or
   * in no team), so that the world's actors stay as the cells after expect them.
   */
  standIn?: true;
  /**
   * The call's input, built once per call: a case whose call consumes what it names (approving,
   * deleting, publishing) builds a fresh resource in team A here each time.
   */
  input(world: World): ProcedureInput<P> | Promise<ProcedureInput<P>>;
  /** For "own-team": ids of team A the answer may name only because the input named them (a bulk action reports them "not found"). */
  echoes?(input: ProcedureInput<P>): string[];
  /** For "own-team": more to assert of the answer. */
  ownTeamAnswer?(answer: unknown, input: ProcedureInput<P>, context: AnswerContext): void;
  /** For an allowed call that succeeded: more to assert of the answer. */
  allowedAnswer?(answer: unknown, input: ProcedureInput<P>, context: AnswerContext): void;
  /** An allowed call may fail with this code only; say why. Prefer an input that succeeds. */
  allowedError?: { code: TRPC_ERROR_CODE_KEY; because: string };
}

/** Types a case against its procedure's input. */
export function accessCase<P extends ProcedurePath>(spec: AccessCase<P>): AccessCase {
  return spec as unknown as AccessCase;
}

export type ExpectedAnswer = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "allowed" | "own-team";

export function expectedAnswer(spec: AccessCase, actor: Actor): ExpectedAnswer {
  const { allowed } = spec;
  const forAnyPerson = allowed === "signed-in" || allowed === "anyone";
  if (actor === "anonymous") return allowed === "anyone" ? "allowed" : "UNAUTHORIZED";
  // Team-scoped procedures need a session's team; elsewhere the person in no team is as far
  // outside team A as another team's owner.
  if (actor === "teamless") return forAnyPerson ? spec.outsider : "UNAUTHORIZED";
  if (actor === "outsider") return spec.outsider;
  return forAnyPerson || hasRole(actor, allowed) ? "allowed" : "FORBIDDEN";
}

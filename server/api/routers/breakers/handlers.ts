import "server-only";
import { personActor, recordAuditAfter } from "@/server/audit/record-audit";
import { hasRole } from "@/server/roles";
import { NotFoundError } from "../../errors";
import { requireEngine, type TeamContext } from "../../trpc";
import type { ResetBreakerInput } from "./reset.schema";

export interface BreakerSummary {
  key: string;
  state: "closed" | "open" | "half_open";
  /** Failed attempts in a row so far (closed only). */
  failures: number;
  /** While open: when a trial attempt may start. */
  openUntil: Date | null;
  lastError: string | null;
  updatedAt: Date;
}

export interface BreakerList {
  breakers: BreakerSummary[];
  /** Editors and owners may reset a breaker. */
  canReset: boolean;
}

/** The team's circuit breakers, by key, as the engine holds them (it reads them from the database once). */
export async function listBreakers({ ctx }: { ctx: TeamContext }): Promise<BreakerList> {
  const engine = await requireEngine(ctx);
  const rows = await engine.listBreakers(ctx.membership.teamId);
  return {
    breakers: rows.map(({ key, state, failures, openUntil, lastError, updatedAt }) => ({ key, state, failures, openUntil, lastError, updatedAt })),
    canReset: hasRole(ctx.membership.role, "editor"),
  };
}

/** Closes one of the team's breakers; the steps it held run at once. Another team's key is not found. */
export async function resetBreaker({ ctx, input }: { ctx: TeamContext; input: ResetBreakerInput }): Promise<BreakerSummary> {
  const engine = await requireEngine(ctx);
  const before = (await engine.listBreakers(ctx.membership.teamId)).find((breaker) => breaker.key === input.key);
  const row = await engine.resetBreaker(ctx.membership.teamId, input.key);
  if (!row) throw new NotFoundError("circuit breaker");
  await recordAuditAfter(ctx.db, {
    teamId: ctx.membership.teamId,
    actor: personActor(ctx.session),
    action: "breaker.reset",
    target: { type: "breaker", label: input.key },
    detail: { from: before?.state ?? "closed" },
  });
  const { key, state, failures, openUntil, lastError, updatedAt } = row;
  return { key, state, failures, openUntil, lastError, updatedAt };
}

import type { Engine } from "@/engine";
import type { Db } from "@/server/db/create-prisma-client";

/**
 * What a call could change in a team, read in a stable order: a refused call must leave it equal.
 * Extend it when a router gains something of its own to change.
 */
export async function teamState(db: Db, teamId: string) {
  const byId = { id: "asc" } as const;
  const ofTeam = { workflow: { teamId } };
  const [team, memberships, workflows, versions, runs, runEvents, webhooks, schedules, apiKeys, invites, templates, secrets, subscriptions, deliveries, auditEvents] = await Promise.all([
    db.team.findUnique({ where: { id: teamId }, select: { name: true, slug: true } }),
    db.membership.findMany({ where: { teamId }, orderBy: { userId: "asc" }, select: { userId: true, role: true } }),
    db.workflow.findMany({ where: { teamId }, orderBy: byId, select: { id: true, name: true, namespace: true, description: true, draftRevision: true, updatedAt: true } }),
    db.workflowVersion.count({ where: ofTeam }),
    db.run.findMany({ where: { teamId }, orderBy: byId, select: { id: true, status: true, updatedAt: true } }),
    db.runEvent.count({ where: { run: { teamId } } }),
    db.workflowWebhook.findMany({ where: ofTeam, orderBy: byId, select: { workflowId: true, tokenHash: true } }),
    db.schedule.findMany({ where: ofTeam, orderBy: byId, select: { id: true, cron: true, timezone: true, input: true, enabled: true, updatedAt: true } }),
    db.apiKey.findMany({ where: { teamId }, orderBy: byId, select: { id: true, revokedAt: true } }),
    db.teamInvite.findMany({ where: { teamId }, orderBy: byId, select: { id: true, role: true, usedAt: true, revokedAt: true } }),
    db.template.findMany({ where: { teamId }, orderBy: byId, select: { id: true, visibility: true, latestVersion: true, updatedAt: true } }),
    db.teamSecret.findMany({ where: { teamId }, orderBy: byId, select: { id: true, name: true, updatedAt: true } }),
    db.eventSubscription.findMany({ where: { teamId }, orderBy: byId, select: { id: true, url: true, events: true } }),
    db.eventDelivery.findMany({ where: { teamId }, orderBy: byId, select: { id: true, status: true, attempts: true, redeliveries: true } }),
    // A refused call did nothing, so it has nothing to record either.
    db.auditEvent.count({ where: { teamId } }),
  ]);
  return { team, memberships, workflows, versions, runs, runEvents, webhooks, schedules, apiKeys, invites, templates, secrets, subscriptions, deliveries, auditEvents };
}

/**
 * Every id a client could learn of the team: none may appear in what another team's member gets.
 * Public templates are left out: every team may see those (docs/architecture.md, "Teams, templates, secrets, audit").
 */
export async function teamIds(db: Db, teamId: string): Promise<string[]> {
  const ofTeam = { workflow: { teamId } };
  const id = { id: true } as const;
  const rows = await Promise.all([
    db.membership.findMany({ where: { teamId }, select: { userId: true } }).then((members) => members.map((member) => ({ id: member.userId }))),
    db.workflow.findMany({ where: { teamId }, select: id }),
    db.workflowVersion.findMany({ where: ofTeam, select: id }),
    db.run.findMany({ where: { teamId }, select: id }),
    db.workflowWebhook.findMany({ where: ofTeam, select: id }),
    db.schedule.findMany({ where: ofTeam, select: id }),
    db.apiKey.findMany({ where: { teamId }, select: id }),
    db.teamInvite.findMany({ where: { teamId }, select: id }),
    db.template.findMany({ where: { teamId, visibility: { not: "public" } }, select: id }),
    db.teamSecret.findMany({ where: { teamId }, select: id }),
    db.eventSubscription.findMany({ where: { teamId }, select: id }),
    db.eventDelivery.findMany({ where: { teamId }, select: id }),
    db.auditEvent.findMany({ where: { teamId }, select: id }),
  ]);
  return [teamId, ...rows.flat().map((row) => row.id)];
}

const settleWithinMs = 10_000;

/**
 * Waits until the team's runs stand still, so that a run an allowed call set going does not change
 * the state a later refused call is checked against. A run parked on an approval stands still.
 */
export async function settleRuns(db: Db, engine: Engine, teamId: string): Promise<void> {
  for (;;) {
    const moving = await db.run.findMany({
      where: { teamId, status: { in: ["pending", "running"] }, steps: { none: { status: "waiting" } } },
      select: { id: true },
    });
    if (moving.length === 0) return;
    await Promise.all(moving.map(({ id }) => withinMs(engine.waitForRun(id), settleWithinMs, `run ${id} did not settle`)));
  }
}

async function withinMs<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

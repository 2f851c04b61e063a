import { randomUUID } from "node:crypto";
import type { Session } from "@/server/auth";
import { createCaller } from "@/server/api/root";
import type { SignedInPerson } from "@/server/api/trpc";
import { createRunsTestKit, doublingDefinition, failingDefinition, gateDefinition } from "@/server/api/routers/runs/runs-test-kit";
import type { Db } from "@/server/db/create-prisma-client";
import { RunEventFeed } from "@/server/engine-host/run-event-feed";
import { prismaRunEventSource } from "@/server/engine-host/run-event-source";
import type { Role } from "@/server/roles";
import type { Actor } from "./access-case";
import { settleRuns, teamIds, teamState } from "./team-state";

/** Who a call is made as, as `createTRPCContext` reads it from a request: a member acting in a team, or a person in no team. */
export interface Identity {
  session: Session | null;
  person: SignedInPerson | null;
}

/**
 * Team A, with real members and one of each resource, that every case addresses; team B has only
 * its owner (the outsider); the person in no team has no membership anywhere. Standing resources
 * are shared by calls that do not consume them; `fresh` makes another in team A for a call that does.
 */
export interface World {
  teamId: string;
  identities: Record<Actor, Identity>;
  /** `orders`: `{ n }` → `n * 2 + 1`, version 1 published, then a newer draft (revision 2). Has a webhook and a schedule. */
  workflowId: string;
  completedRunId: string;
  /** Its step `boom` failed. */
  failedRunId: string;
  /** Parked on its approval step `gate`. */
  waitingRunId: string;
  scheduleId: string;
  apiKeyId: string;
  /** A pending viewer invite link of team A, made by its owner. */
  invite: { inviteId: string; token: string };
  /** A secret of team A, saved by its owner. */
  secretName: string;
  /** The key of a circuit breaker of team A that a failing step opened. */
  breakerKey: string;
  /** An event subscription of team A and one delivery of it (of `completedRunId`'s completion). */
  subscriptionId: string;
  deliveryId: string;
  fresh: {
    /** "empty": just created (revision 0); "drafted": a valid draft (revision 1); "published": that draft as version 1. */
    workflow(stage: "empty" | "drafted" | "published"): Promise<{ workflowId: string; revision: number }>;
    /** A workflow with a webhook. */
    webhook(): Promise<string>;
    failedRun(): Promise<string>;
    waitingRun(): Promise<string>;
    schedule(): Promise<string>;
    apiKey(): Promise<string>;
    /** A new member of team A: their user id. */
    member(role: Role): Promise<string>;
    /** A pending invite link of team A (viewer unless asked). */
    invite(role?: Role): Promise<{ inviteId: string; token: string }>;
    /** A secret of team A: its name. */
    secret(): Promise<string>;
    /** An event subscription of team A: its id. */
    subscription(): Promise<string>;
    /** A delivery of `subscriptionId` (made as the publisher would, which does not run here): its id. */
    delivery(subscriptionId: string, runId: string): Promise<string>;
    /**
     * A new person in `actor`'s place (see `AccessCase.standIn`): with the same role in the same
     * team, or in no team for the teamless; nobody for anonymous.
     */
    standIn(actor: Actor): Promise<Identity>;
  };
  /** A workflow-style name no other call used: `created_7`. */
  uniqueName(prefix: string): string;
  callerFor(actor: Actor, signal?: AbortSignal): ReturnType<typeof createCaller>;
  /** A caller as someone other than the world's actors: a stand-in. */
  callerAs(identity: Identity, signal?: AbortSignal): ReturnType<typeof createCaller>;
  /** Team A as a refused call must leave it (see `teamState`). */
  state(): ReturnType<typeof teamState>;
  /** Every id of team A, for the answers of anyone outside it to be searched for. */
  ids(): Promise<string[]>;
  /** Waits for runs that allowed calls set going (see `settleRuns`). */
  settle(): Promise<void>;
  cleanup(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const kit = await createRunsTestKit();
  const feed = new RunEventFeed({ source: prismaRunEventSource(kit.testDb.db), pollMs: 25 });
  feed.follow(kit.engine);
  const db = kit.testDb.db;
  const owner = await kit.memberOf("owner", "Team A");
  const member = (session: Session): Identity => ({ session, person: { user: session.user } });
  const personInNoTeam = async (): Promise<Identity> => ({ session: null, person: { user: await newUser(db, "teamless") } });
  const identities: Record<Actor, Identity> = {
    anonymous: { session: null, person: null },
    viewer: member(await kit.joinTeamOf(owner, "viewer")),
    editor: member(await kit.joinTeamOf(owner, "editor")),
    owner: member(owner),
    outsider: member(await kit.memberOf("owner", "Team B")),
    teamless: await personInNoTeam(),
  };
  const teamId = owner.team.id;
  const asOwner = kit.callerFor(owner);
  let counter = 0;
  const uniqueName = (prefix: string) => `${prefix}_${++counter}`;

  const workflowId = await kit.publishedWorkflow(owner, "orders", doublingDefinition("orders"));
  await asOwner.workflows.saveDraft({ workflowId, baseRevision: 1, draft: doublingDefinition("orders", 3) });
  await asOwner.triggers.rotateWebhook({ workflowId });
  const failingId = await kit.publishedWorkflow(owner, "failing", failingDefinition);
  const gateId = await kit.publishedWorkflow(owner, "gate", gateDefinition);
  const breakerKey = "payments.example";
  const trippingId = await kit.publishedWorkflow(owner, "tripping", {
    format: "orka/v1",
    name: "tripping",
    steps: [{ id: "charge", type: "code", config: { source: "throw new Error('payments down')" }, breaker: { key: breakerKey, failures: 1, coolDownMs: 3_600_000 } }],
    edges: [],
  });

  const fresh: World["fresh"] = {
    async workflow(stage) {
      const name = uniqueName("fresh");
      if (stage === "published") return { workflowId: await kit.publishedWorkflow(owner, name, doublingDefinition(name)), revision: 1 };
      const { id } = await asOwner.workflows.create({ name });
      if (stage === "empty") return { workflowId: id, revision: 0 };
      await asOwner.workflows.saveDraft({ workflowId: id, baseRevision: 0, draft: doublingDefinition(name) });
      return { workflowId: id, revision: 1 };
    },
    async webhook() {
      const { workflowId: id } = await fresh.workflow("empty");
      await asOwner.triggers.rotateWebhook({ workflowId: id });
      return id;
    },
    async failedRun() {
      const { runId } = await asOwner.runs.start({ workflowId: failingId });
      await kit.engine.waitForRun(runId);
      return runId;
    },
    async waitingRun() {
      const { runId } = await asOwner.runs.start({ workflowId: gateId });
      const gateStatus = async () => (await db.stepRun.findUnique({ where: { runId_stepId: { runId, stepId: "gate" } }, select: { status: true } }))?.status;
      for (const deadline = Date.now() + 5_000; (await gateStatus()) !== "waiting"; ) {
        if (Date.now() > deadline) throw new Error(`run ${runId} never reached its approval`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return runId;
    },
    schedule: async () => (await asOwner.triggers.createSchedule({ workflowId, cron: "@daily", timezone: "UTC", input: { n: 1 } })).id,
    apiKey: async () => (await asOwner.triggers.createApiKey({ name: uniqueName("key") })).id,
    member: async (role) => (await kit.joinTeamOf(owner, role)).user.id,
    async invite(role = "viewer") {
      const { id, path } = await asOwner.teams.invites.create({ role });
      return { inviteId: id, token: path.slice("/invite/".length) };
    },
    async secret() {
      const name = uniqueName("SECRET");
      await asOwner.secrets.set({ name, value: `value of ${name}` });
      return name;
    },
    subscription: async () => (await asOwner.subscriptions.create({ url: "https://hooks.example.com/orka", events: ["run.completed"] })).id,
    async delivery(subscriptionId, runId) {
      const now = new Date();
      const eventId = `${runId}.${uniqueName("seq")}`;
      const row = { subscriptionId, teamId, eventId, event: "run.completed", runId, payload: "{}", status: "delivered", attempts: 1, nextAttemptAt: now, createdAt: now };
      return (await db.eventDelivery.create({ data: row, select: { id: true } })).id;
    },
    async standIn(actor) {
      const { session } = identities[actor];
      if (session) return member(await kit.joinTeamOf(session, session.role));
      return actor === "teamless" ? personInNoTeam() : identities.anonymous;
    },
  };

  const { runId: completedRunId } = await asOwner.runs.start({ workflowId, input: { n: 1 } });
  await kit.engine.waitForRun(completedRunId);
  const subscriptionId = await fresh.subscription();
  const callerAs = (identity: Identity, signal?: AbortSignal) =>
    createCaller({ ...kit.contextFor(identity.session), person: identity.person, getRunEventFeed: () => Promise.resolve(feed) }, { signal });

  return {
    teamId,
    identities,
    workflowId,
    completedRunId,
    failedRunId: await fresh.failedRun(),
    waitingRunId: await fresh.waitingRun(),
    scheduleId: await fresh.schedule(),
    apiKeyId: await fresh.apiKey(),
    invite: await fresh.invite(),
    secretName: await fresh.secret(),
    breakerKey: await kit.engine.waitForRun((await asOwner.runs.start({ workflowId: trippingId })).runId).then(() => breakerKey),
    subscriptionId,
    deliveryId: await fresh.delivery(subscriptionId, completedRunId),
    fresh,
    uniqueName,
    callerFor: (actor, signal) => callerAs(identities[actor], signal),
    callerAs,
    state: () => teamState(db, teamId),
    ids: () => teamIds(db, teamId),
    settle: () => settleRuns(db, kit.engine, teamId),
    async cleanup() {
      feed.close();
      await kit.cleanup();
    },
  };
}

async function newUser(db: Db, name: string): Promise<Session["user"]> {
  return db.user.create({ data: { email: `${name}-${randomUUID()}@example.test`, name }, select: { id: true, email: true, name: true } });
}

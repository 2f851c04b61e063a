import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, type WorkflowsTestKit } from "@/server/api/routers/workflows/workflows-test-kit";
import { watchAudit, type AuditWatcher } from "./audit-test-kit";

let kit: WorkflowsTestKit;
let owner: Session;
let audit: AuditWatcher;

beforeAll(async () => {
  vi.stubEnv("ORKA_SECRETS_KEY", randomBytes(32).toString("base64"));
  kit = await createWorkflowsTestKit();
  owner = await kit.memberOf("owner", "Subscribers");
  audit = await watchAudit(kit.testDb.db, owner.team.id);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await kit.testDb.cleanup();
});

describe("event subscription settings are recorded once, by the person", () => {
  it("created, redelivered, deleted; the target is the URL's host (its path and query may hold a token), the secret is never recorded", async () => {
    const caller = kit.callerFor(owner);
    const byOwner = { actorId: owner.user.id, actorName: owner.user.name, targetType: "subscription" };
    const created = await caller.subscriptions.create({ url: "https://hooks.example.com/orka/T0K3N?key=hidden", events: ["run.completed", "run.failed"] });
    const target = { ...byOwner, targetId: created.id, targetLabel: "hooks.example.com" };
    expect(await audit.fresh()).toEqual([{ ...target, action: "subscription.created", detail: { events: ["run.completed", "run.failed"] } }]);

    const delivery = await kit.testDb.db.eventDelivery.create({
      data: {
        subscriptionId: created.id, teamId: owner.team.id, eventId: "run-1.7", event: "run.completed", runId: "run-1", payload: "{}",
        status: "failed", attempts: 8, nextAttemptAt: new Date(), createdAt: new Date(),
      },
      select: { id: true },
    });
    await caller.subscriptions.redeliver({ deliveryId: delivery.id });
    expect(await audit.fresh()).toEqual([{ ...target, action: "subscription.redelivered", detail: { eventId: "run-1.7", event: "run.completed", runId: "run-1" } }]);
    // Refused while a sender holds it: nothing happened, nothing is recorded.
    await kit.testDb.db.eventDelivery.update({ where: { id: delivery.id }, data: { claimedUntil: new Date(Date.now() + 60_000) } });
    await expect(caller.subscriptions.redeliver({ deliveryId: delivery.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await audit.fresh()).toEqual([]);

    await caller.subscriptions.delete({ subscriptionId: created.id });
    await expect(caller.subscriptions.delete({ subscriptionId: created.id })).rejects.toThrow(/not found/i);
    expect(await audit.fresh()).toEqual([{ ...target, action: "subscription.deleted", detail: { events: ["run.completed", "run.failed"] } }]);

    const everything = JSON.stringify(await kit.testDb.db.auditEvent.findMany());
    for (const hidden of [created.secret, "T0K3N", "hidden"]) expect(everything).not.toContain(hidden);
  });

  it("records nothing when a viewer is refused", async () => {
    const viewer = await kit.joinTeamOf(owner, "viewer");
    await expect(kit.callerFor(viewer).subscriptions.create({ url: "https://hooks.example.com/x", events: ["run.completed"] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await audit.fresh()).toEqual([]);
  });
});

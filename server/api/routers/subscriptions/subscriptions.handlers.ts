import "server-only";
import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { ValidationError } from "@/engine/definition/issues";
import { subscriptionTarget } from "@/server/audit/audit-targets";
import { personActor, recordAudit } from "@/server/audit/record-audit";
import { encryptSecret } from "@/server/secrets/secret-cipher";
import { subscriptionSecretOwner } from "@/server/subscriptions/deliver";
import { wakeEventPublisher } from "@/server/subscriptions/publisher-host";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import { requireSecretsKeys } from "../secrets/secrets-key-check";
import { maxSubscriptionsPerTeam, type CreateSubscriptionInput } from "./subscriptions.schema";

type Call<I = undefined> = { ctx: TeamContext; input: I };

const deliveryLogSize = 100;

/** The team's subscriptions and their latest deliveries, newest first. Any member reads them; owners change them. */
export async function listSubscriptions({ ctx }: Call) {
  const teamId = ctx.membership.teamId;
  const [subscriptions, deliveries] = await Promise.all([
    ctx.db.eventSubscription.findMany({ where: { teamId }, orderBy: { createdAt: "asc" }, select: { id: true, url: true, events: true, createdAt: true } }),
    ctx.db.eventDelivery.findMany({
      where: { teamId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: deliveryLogSize,
      select: {
        id: true,
        subscriptionId: true,
        eventId: true,
        event: true,
        runId: true,
        status: true,
        attempts: true,
        redeliveries: true,
        lastStatusCode: true,
        lastError: true,
        nextAttemptAt: true,
        createdAt: true,
        deliveredAt: true,
      },
    }),
  ]);
  return {
    subscriptions: subscriptions.map((subscription) => ({ ...subscription, events: JSON.parse(subscription.events) as string[] })),
    // A delivery that took more than one attempt is flagged: its receiver may have seen it twice.
    deliveries: deliveries.map((delivery) => ({ ...delivery, retried: delivery.attempts > 1 || delivery.redeliveries > 0 })),
    canEdit: ctx.membership.role === "owner",
  };
}

/** Subscribes a URL; the answer holds the signing secret, shown this once (it is stored encrypted). */
export async function createSubscription({ ctx, input }: Call<CreateSubscriptionInput>) {
  const keys = requireSecretsKeys();
  const teamId = ctx.membership.teamId;
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  return ctx.db.$transaction(async (tx) => {
    if ((await tx.eventSubscription.count({ where: { teamId } })) >= maxSubscriptionsPerTeam)
      throw new ValidationError([{ path: "url", message: `a team has at most ${maxSubscriptionsPerTeam} subscriptions: delete one before adding another` }], "too many subscriptions");
    const { id } = await tx.eventSubscription.create({
      data: { teamId, url: input.url, events: JSON.stringify(input.events), secretCiphertext: "", secretKeyId: "" },
      select: { id: true },
    });
    // Encrypted under its own id (the associated data), so it needs the row first.
    const stored = encryptSecret(keys, subscriptionSecretOwner(teamId, id), secret);
    await tx.eventSubscription.update({ where: { id }, data: { secretCiphertext: stored.ciphertext, secretKeyId: stored.keyId }, select: { id: true } });
    await recordAudit(tx, { teamId, actor: personActor(ctx.session), action: "subscription.created", target: subscriptionTarget({ id, url: input.url }), detail: { events: input.events } });
    return { id, url: input.url, events: input.events, secret };
  });
}

export async function deleteSubscription({ ctx, input }: Call<{ subscriptionId: string }>) {
  const teamId = ctx.membership.teamId;
  return ctx.db.$transaction(async (tx) => {
    const subscription = await tx.eventSubscription.findFirst({ where: { id: input.subscriptionId, teamId }, select: { id: true, url: true, events: true } });
    const { count } = await tx.eventSubscription.deleteMany({ where: { id: input.subscriptionId, teamId } });
    if (!subscription || count === 0) throw new NotFoundError("subscription");
    const events = JSON.parse(subscription.events) as string[];
    await recordAudit(tx, { teamId, actor: personActor(ctx.session), action: "subscription.deleted", target: subscriptionTarget(subscription), detail: { events } });
    return { id: input.subscriptionId };
  });
}

/** Sends a delivery again now, with the same event id and body (delivered or failed alike), with a fresh retry budget. */
export async function redeliver({ ctx, input }: Call<{ deliveryId: string }>) {
  const teamId = ctx.membership.teamId;
  const delivery = await ctx.db.eventDelivery.findFirst({
    where: { id: input.deliveryId, teamId },
    select: { id: true, attempts: true, eventId: true, event: true, runId: true, subscription: { select: { id: true, url: true } } },
  });
  if (!delivery) throw new NotFoundError("delivery");
  const now = new Date();
  await ctx.db.$transaction(async (tx) => {
    // Not while a sender holds it: that attempt's outcome would overwrite this request.
    const { count } = await tx.eventDelivery.updateMany({
      where: { id: delivery.id, attempts: delivery.attempts, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
      data: { status: "pending", nextAttemptAt: now, claimedUntil: null, retryFrom: delivery.attempts, redeliveries: { increment: 1 } },
    });
    if (count !== 1) throw new TRPCError({ code: "CONFLICT", message: "this delivery is being sent right now; redeliver it once that attempt is done" });
    const { eventId, event, runId } = delivery;
    await recordAudit(tx, { teamId, actor: personActor(ctx.session), action: "subscription.redelivered", target: subscriptionTarget(delivery.subscription), detail: { eventId, event, runId } });
  });
  wakeEventPublisher();
  return { id: delivery.id };
}

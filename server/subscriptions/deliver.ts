import "server-only";
import type { HttpFetch, Logger } from "@/engine/index";
import type { Db } from "@/server/db/create-prisma-client";
import { decryptSecret } from "@/server/secrets/secret-cipher";
import type { SecretsKeys } from "@/server/secrets/secrets-key";
import { signatureHeader, signDelivery } from "./signature";

export interface RetryPolicy {
  /** Attempts before a delivery is given up as `failed` (an operator may still redeliver it). */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubled after each further one, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 8, initialDelayMs: 10_000, maxDelayMs: 3_600_000 };

export interface DeliveryOptions {
  db: Db;
  /** The guarded client of `http` steps: the same egress policy (`ORKA_HTTP_ALLOW`). */
  fetch: HttpFetch;
  keys: () => SecretsKeys;
  retry?: RetryPolicy;
  now?: () => Date;
  timeoutMs?: number;
  limit?: number;
  /** Where failed attempts are reported (with run, event and subscription ids; never the URL, which may hold a token). */
  logger?: Logger;
}

/** How long past its request's time limit a sender holds a delivery: a process killed mid-attempt leaves it to another after that. */
const claimMarginMs = 5_000;

export const subscriptionSecretOwner = (teamId: string, subscriptionId: string) => ({ teamId, name: `event-subscription:${subscriptionId}` });

/**
 * Sends the deliveries that are due (pending, their next attempt reached, not held by a sender),
 * each claimed first by one conditional update so two processes never send the same attempt.
 * A 2xx answer delivers it; anything else schedules the next attempt with exponential backoff.
 * Resolves with how many were attempted.
 */
export async function deliverDue({ db, limit = 20, now = () => new Date(), ...options }: DeliveryOptions): Promise<number> {
  const at = now();
  const due = await db.eventDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: at }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: at } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, teamId: true, runId: true, eventId: true, event: true, payload: true, attempts: true, retryFrom: true, subscription: { select: { id: true, url: true, secretCiphertext: true, secretKeyId: true } } },
  });
  const attempted = await Promise.all(due.map((delivery) => deliverOne(db, delivery, { ...options, now })));
  return attempted.filter(Boolean).length;
}

interface DueDelivery {
  id: string;
  teamId: string;
  runId: string;
  eventId: string;
  event: string;
  payload: string;
  attempts: number;
  retryFrom: number;
  subscription: { id: string; url: string; secretCiphertext: string; secretKeyId: string };
}

async function deliverOne(db: Db, delivery: DueDelivery, options: Omit<DeliveryOptions, "db" | "limit"> & { now: () => Date }): Promise<boolean> {
  const claimedAt = options.now();
  const attempt = delivery.attempts + 1;
  const timeoutMs = options.timeoutMs ?? 10_000;
  // The attempt is counted when claimed, before anything is sent: a sender killed mid-request
  // leaves it counted, so the next attempt is numbered 2 and the log flags it as retried.
  const claim = await db.eventDelivery.updateMany({
    where: { id: delivery.id, status: "pending", attempts: delivery.attempts, OR: [{ claimedUntil: null }, { claimedUntil: { lt: claimedAt } }] },
    data: { attempts: attempt, claimedUntil: new Date(claimedAt.getTime() + timeoutMs + claimMarginMs) },
  });
  if (claim.count !== 1) return false;
  const outcome = await send(delivery, attempt, { ...options, timeoutMs });
  const retry = options.retry ?? defaultRetryPolicy;
  const finishedAt = options.now();
  const common = { claimedUntil: null, lastStatusCode: outcome.statusCode, lastError: outcome.error };
  if (!outcome.ok) {
    const { runId, eventId, subscription } = delivery;
    options.logger?.warn("an event delivery failed", { runId, eventId, subscriptionId: subscription.id, attempt, statusCode: outcome.statusCode, error: outcome.error });
  }
  if (outcome.ok) {
    await db.eventDelivery.update({ where: { id: delivery.id }, data: { ...common, status: "delivered", deliveredAt: finishedAt } });
  } else if (attempt - delivery.retryFrom >= retry.maxAttempts) {
    await db.eventDelivery.update({ where: { id: delivery.id }, data: { ...common, status: "failed" } });
  } else {
    const delayMs = Math.min(retry.initialDelayMs * 2 ** (attempt - delivery.retryFrom - 1), retry.maxDelayMs);
    await db.eventDelivery.update({ where: { id: delivery.id }, data: { ...common, nextAttemptAt: new Date(finishedAt.getTime() + delayMs) } });
  }
  return true;
}

async function send(delivery: DueDelivery, attempt: number, options: Omit<DeliveryOptions, "db" | "limit"> & { now: () => Date }) {
  try {
    const secret = decryptSecret(options.keys(), subscriptionSecretOwner(delivery.teamId, delivery.subscription.id), {
      ciphertext: delivery.subscription.secretCiphertext,
      keyId: delivery.subscription.secretKeyId,
    });
    const timestamp = Math.floor(options.now().getTime() / 1000);
    const response = await options.fetch(delivery.subscription.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Orka-Event-Subscriptions",
        "orka-event": delivery.event,
        "orka-event-id": delivery.eventId,
        "orka-delivery-attempt": String(attempt),
        [signatureHeader.toLowerCase()]: signDelivery(secret, delivery.payload, timestamp),
      },
      body: delivery.payload,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.body?.cancel().catch(() => {});
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `the receiver answered ${response.status}` };
  } catch (error) {
    return { ok: false, statusCode: null, error: (error as Error).message?.slice(0, 500) || "the request failed" };
  }
}

import "server-only";
import { createGuardedFetch, type Engine, type Logger } from "@/engine/index";
import type { Db, DbProvider } from "@/server/db/create-prisma-client";
import { getAppDatabase } from "@/server/db/prisma";
import { httpEgressFromEnv } from "@/server/engine-host/http-egress-env";
import { secretsKeysFromEnv } from "@/server/secrets/secrets-key";
import { EventPublisher } from "./event-publisher";

// Next evaluates server modules several times: one publisher per process.
const globalForPublisher = globalThis as typeof globalThis & { orkaEventPublisher?: EventPublisher };

/**
 * Starts the process's event publisher, sending through a guarded client with the `http` steps'
 * egress policy (`ORKA_HTTP_ALLOW`), woken by `engine`'s commits. Idempotent.
 */
export function startEventPublisher({
  db,
  engine,
  logger,
  provider = getAppDatabase().provider,
  quiet,
}: {
  db: Db;
  engine: Pick<Engine, "onCommitted">;
  logger: Logger;
  provider?: DbProvider;
  /** The cheap "nothing to do" test of `EventPublisherOptions.quiet`, where the database has one. */
  quiet?: () => boolean;
}): EventPublisher {
  if (globalForPublisher.orkaEventPublisher) return globalForPublisher.orkaEventPublisher;
  const http = createGuardedFetch({ policy: httpEgressFromEnv(process.env), logger });
  const publisher = new EventPublisher({ db, provider, fetch: http.fetch, keys: () => secretsKeysFromEnv(), logger, quiet });
  globalForPublisher.orkaEventPublisher = publisher;
  engine.onCommitted(() => publisher.wake());
  publisher.start();
  return publisher;
}

/** Reads the outbox and due deliveries soon (after a redelivery); nothing when no publisher runs here. */
export function wakeEventPublisher(): void {
  globalForPublisher.orkaEventPublisher?.wake();
}

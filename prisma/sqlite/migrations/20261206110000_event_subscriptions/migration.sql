-- CreateTable
CREATE TABLE "event_subscriptions" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "team_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "secret_ciphertext" TEXT NOT NULL,
    "secret_key_id" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "event_subscriptions_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "event_deliveries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subscription_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "redeliveries" INTEGER NOT NULL DEFAULT 0,
    "retry_from" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" DATETIME NOT NULL,
    "claimed_until" DATETIME,
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" DATETIME NOT NULL,
    "delivered_at" DATETIME,
    CONSTRAINT "event_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "event_subscriptions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "event_outbox" (
    "run_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,

    PRIMARY KEY ("run_id", "seq"),
    CONSTRAINT "event_outbox_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "event_subscriptions_team_id_idx" ON "event_subscriptions"("team_id");

-- CreateIndex
CREATE INDEX "event_deliveries_status_next_attempt_at_idx" ON "event_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "event_deliveries_team_id_created_at_idx" ON "event_deliveries"("team_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "event_deliveries_subscription_id_event_id_key" ON "event_deliveries"("subscription_id", "event_id");

-- CreateIndex
CREATE INDEX "event_outbox_created_at_idx" ON "event_outbox"("created_at");

-- The outbox of event subscriptions, filled in the transaction that commits the event: whatever
-- writes run_events (the engine store, any process) publishes through it. A CASE, so the JSON
-- payload is read only for step.waiting events.
CREATE TRIGGER "run_events_publish" AFTER INSERT ON "run_events"
WHEN CASE WHEN NEW."type" = 'step.waiting' THEN json_extract(NEW."payload", '$.reason') = 'approval'
          ELSE NEW."type" IN ('run.completed', 'run.failed', 'run.cancelled', 'step.failed') END
BEGIN
  INSERT INTO "event_outbox" ("run_id", "seq", "event", "created_at")
  VALUES (NEW."run_id", NEW."seq", CASE NEW."type" WHEN 'step.waiting' THEN 'step.waiting_for_approval' ELSE NEW."type" END, NEW."at");
END;

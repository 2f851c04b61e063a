-- CreateTable
CREATE TABLE "event_subscriptions" (
    "id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "secret_ciphertext" TEXT NOT NULL,
    "secret_key_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_deliveries" (
    "id" TEXT NOT NULL,
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
    "next_attempt_at" TIMESTAMP(3) NOT NULL,
    "claimed_until" TIMESTAMP(3),
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "delivered_at" TIMESTAMP(3),

    CONSTRAINT "event_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_outbox" (
    "run_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "event_outbox_pkey" PRIMARY KEY ("run_id","seq")
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

-- AddForeignKey
ALTER TABLE "event_subscriptions" ADD CONSTRAINT "event_subscriptions_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "event_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "event_outbox" ADD CONSTRAINT "event_outbox_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox of event subscriptions, filled in the transaction that commits the event: whatever
-- writes run_events (the engine store, any process) publishes through it. The WHEN condition is
-- checked without calling the function, and its CASE reads the JSON payload of step.waiting events only.
-- The body spells its semicolons \073 in an escape string: `prisma migrate deploy` with a driver
-- adapter splits a script at every semicolon, inside quotes and dollar quotes too.
CREATE FUNCTION "orka_publish_run_event"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "event_outbox" ("run_id", "seq", "event", "created_at")
  VALUES (NEW."run_id", NEW."seq", CASE NEW."type" WHEN ''step.waiting'' THEN ''step.waiting_for_approval'' ELSE NEW."type" END, NEW."at")\073
  RETURN NULL\073
END';

CREATE TRIGGER "run_events_publish" AFTER INSERT ON "run_events" FOR EACH ROW
WHEN (CASE WHEN NEW."type" = 'step.waiting' THEN (NEW."payload"::jsonb ->> 'reason') = 'approval'
           ELSE NEW."type" IN ('run.completed', 'run.failed', 'run.cancelled', 'step.failed') END)
EXECUTE FUNCTION "orka_publish_run_event"();

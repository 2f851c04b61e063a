-- The outbox of event subscriptions gets a row only when the run's team has a subscription: an
-- installation without subscriptions no longer writes, reads and deletes an outbox row for every
-- finished run (the publisher then has nothing to do; server/subscriptions/README.md). A
-- subscription receives the events committed while it exists, as before.
DROP TRIGGER "run_events_publish";

CREATE TRIGGER "run_events_publish" AFTER INSERT ON "run_events"
WHEN CASE WHEN NEW."type" = 'step.waiting' THEN json_extract(NEW."payload", '$.reason') = 'approval'
          ELSE NEW."type" IN ('run.completed', 'run.failed', 'run.cancelled', 'step.failed') END
  AND EXISTS (SELECT 1 FROM "runs" r JOIN "event_subscriptions" s ON s."team_id" = r."team_id" WHERE r."id" = NEW."run_id")
BEGIN
  INSERT INTO "event_outbox" ("run_id", "seq", "event", "created_at")
  VALUES (NEW."run_id", NEW."seq", CASE NEW."type" WHEN 'step.waiting' THEN 'step.waiting_for_approval' ELSE NEW."type" END, NEW."at");
END;

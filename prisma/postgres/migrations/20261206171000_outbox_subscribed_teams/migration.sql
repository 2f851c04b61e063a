-- The outbox of event subscriptions gets a row only when the run's team has a subscription: an
-- installation without subscriptions no longer writes, reads and deletes an outbox row for every
-- finished run (server/subscriptions/README.md). A subscription receives the events committed
-- while it exists, as before. (A trigger's WHEN cannot hold a subquery: the check is in the body.)
-- The body spells its semicolons \073 in an escape string: `prisma migrate deploy` with a driver
-- adapter splits a script at every semicolon, inside quotes and dollar quotes too.
CREATE OR REPLACE FUNCTION "orka_publish_run_event"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF EXISTS (SELECT 1 FROM "runs" r JOIN "event_subscriptions" s ON s."team_id" = r."team_id" WHERE r."id" = NEW."run_id") THEN
    INSERT INTO "event_outbox" ("run_id", "seq", "event", "created_at")
    VALUES (NEW."run_id", NEW."seq", CASE NEW."type" WHEN ''step.waiting'' THEN ''step.waiting_for_approval'' ELSE NEW."type" END, NEW."at")\073
  END IF\073
  RETURN NULL\073
END';

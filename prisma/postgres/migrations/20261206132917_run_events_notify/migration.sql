-- Every statement that inserts run events tells listeners (web servers streaming runs) which runs
-- changed: NOTIFY is sent when the transaction commits, never for one that rolls back, so a
-- listener that reads after the notification sees the events. One notification per statement,
-- the run ids joined by commas, split into payloads under the 8000-byte limit. An id that cannot
-- be sent that way (a comma in it, or too long) becomes "*": read every run you watch.
-- The body spells its semicolons \073 in an escape string: `prisma migrate deploy` with a driver
-- adapter splits a script at every semicolon, inside quotes and dollar quotes too.
CREATE FUNCTION "orka_notify_run_events"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  chunk text := ''''\073
  run text\073
BEGIN
  FOR run IN SELECT DISTINCT "run_id" FROM inserted_events LOOP
    IF position('','' in run) > 0 OR octet_length(run) > 7000 THEN
      PERFORM pg_notify(''orka_run_events'', ''*'')\073
      CONTINUE\073
    END IF\073
    IF octet_length(chunk) + octet_length(run) >= 7900 THEN
      PERFORM pg_notify(''orka_run_events'', chunk)\073
      chunk := ''''\073
    END IF\073
    chunk := CASE WHEN chunk = '''' THEN run ELSE chunk || '','' || run END\073
  END LOOP\073
  IF chunk <> '''' THEN
    PERFORM pg_notify(''orka_run_events'', chunk)\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "run_events_notify" AFTER INSERT ON "run_events"
REFERENCING NEW TABLE AS inserted_events
FOR EACH STATEMENT EXECUTE FUNCTION "orka_notify_run_events"();

-- The engine's commits notify listeners after they are durable, in a statement of their own
-- (server/engine-host/stores/pg-run-event-notices.ts): a NOTIFY takes a lock PostgreSQL holds until
-- its transaction's WAL is flushed, so commits that notify never share a flush. Such a commit sets
-- `orka.run_events_notify` to `after-commit` for its transaction, and the trigger sends nothing for it;
-- every other writer of run events is notified by the trigger, as before.
-- The body spells its semicolons \073 in an escape string: `prisma migrate deploy` with a driver
-- adapter splits a script at every semicolon, inside quotes and dollar quotes too.
CREATE OR REPLACE FUNCTION "orka_notify_run_events"() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  chunk text := ''''\073
  run text\073
BEGIN
  IF current_setting(''orka.run_events_notify'', true) = ''after-commit'' THEN
    RETURN NULL\073
  END IF\073
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

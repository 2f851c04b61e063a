-- The outbox of event subscriptions is written by the engine's run store
-- (server/engine-host/stores/sqlite-statements.ts), in the commit's own transaction, and only
-- when the run's team has a subscription: an installation without subscriptions no longer writes,
-- reads and deletes an outbox row for every finished run. SQLite runs a trigger's program for
-- every inserted row, published or not: this trigger cost ~20 % of the CPU of an engine commit.
-- (On PostgreSQL the trigger stays; the same migration there adds the subscription check.)
DROP TRIGGER "run_events_publish";

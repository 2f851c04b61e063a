-- Every engine process mirrors the circuit breakers in memory. A statement that writes breakers
-- tells the others to read them again (NOTIFY is sent when the transaction commits), so a breaker
-- opened, or reset by an operator, through one process holds or frees steps in all of them.
-- The body spells its semicolons \073 in an escape string: `prisma migrate deploy` with a driver
-- adapter splits a script at every semicolon, inside quotes and dollar quotes too.
CREATE FUNCTION "orka_notify_circuit_breakers"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''orka_breakers'', '''')\073
  RETURN NULL\073
END';

CREATE TRIGGER "circuit_breakers_notify" AFTER INSERT OR UPDATE ON "circuit_breakers"
FOR EACH STATEMENT EXECUTE FUNCTION "orka_notify_circuit_breakers"();

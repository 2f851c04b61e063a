-- The claim loop's claim as one function (server/engine-host/stores/pg-leases.ts): an engine calls it
-- as a named statement, so its connection parses the call once and PL/pgSQL plans each statement once
-- per connection, where the same statements sent as a script were planned on every claim (most claims
-- of an idle or busy worker find nothing, and planning was most of their cost). The statements are
-- those of the script, in its order, each with a fresh snapshot (a VOLATILE function's statements see
-- what committed before each began): hold the caller's lease FOR KEY SHARE (OL001 when it is gone or
-- expired), delete expired leases, which waits for their holders' commits in flight (they hold their
-- lease FOR KEY SHARE, see orka_commit_guard), so those holders can commit nothing after it and what
-- they did commit is visible to the claim, take at most max_trees trees with an unfinished run whose
-- root has no live owner (0 is the parked owner: only an operator's claim takes those), SKIP LOCKED,
-- list the unfinished runs of the trees taken, parents first, each with its tree's size and the
-- root's owner before the claim.
-- The body spells its semicolons \073 in an escape string: `prisma migrate deploy` with a driver
-- adapter splits a script at every semicolon, inside quotes, dollar quotes and comments too (these comments have none).
CREATE FUNCTION "orka_claim_trees"(lease_epoch INTEGER, max_trees INTEGER)
RETURNS TABLE ("id" TEXT, "root_run_id" TEXT, "tree_runs" INTEGER, "previous_owner" INTEGER)
LANGUAGE plpgsql VOLATILE AS E'
#variable_conflict use_column
BEGIN
  PERFORM 1 FROM "engine_leases" WHERE "epoch" = lease_epoch AND "expires_at" > (now() AT TIME ZONE ''UTC'') FOR KEY SHARE\073
  IF NOT FOUND THEN
    RAISE EXCEPTION ''engine lease % is no longer held'', lease_epoch USING ERRCODE = ''OL001''\073
  END IF\073
  DELETE FROM "engine_leases" WHERE "expires_at" <= (now() AT TIME ZONE ''UTC'')\073
  RETURN QUERY
  WITH candidates AS (
    SELECT root."id", root."owner_epoch" AS previous_owner FROM "runs" root
    WHERE root."id" IN (SELECT "root_run_id" FROM "runs" WHERE "status" IN (''pending'', ''running''))
      AND (root."owner_epoch" IS NULL
        OR (root."owner_epoch" <> 0 AND root."owner_epoch" <> lease_epoch
          AND NOT EXISTS (SELECT 1 FROM "engine_leases" lease WHERE lease."epoch" = root."owner_epoch")))
    ORDER BY root."created_at", root."id" COLLATE "C" LIMIT max_trees
    FOR UPDATE OF root SKIP LOCKED
  ), claimed AS (
    UPDATE "runs" SET "owner_epoch" = lease_epoch FROM candidates WHERE "runs"."id" = candidates."id" RETURNING "runs"."id", candidates.previous_owner
  )
  SELECT run."id", run."root_run_id", (SELECT COUNT(*)::int FROM "runs" tree WHERE tree."root_run_id" = run."root_run_id"), claimed.previous_owner
  FROM "runs" run JOIN claimed ON claimed."id" = run."root_run_id" WHERE run."status" IN (''pending'', ''running'')
  ORDER BY run."depth", run."created_at", run."id" COLLATE "C"\073
END'

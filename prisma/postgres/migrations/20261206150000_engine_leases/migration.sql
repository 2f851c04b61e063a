-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "owner_epoch" INTEGER;

-- CreateTable
CREATE TABLE "engine_leases" (
    "epoch" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "engine_leases_pkey" PRIMARY KEY ("epoch")
);

-- CreateIndex
CREATE INDEX "runs_owner_epoch_idx" ON "runs"("owner_epoch");

-- The fence of every engine commit (server/engine-host/stores/pg-commit.ts calls it in the commit
-- statement). With a lease epoch it takes that lease row FOR KEY SHARE and raises OL001 when the row
-- is gone or expired by the database clock: a claimer deletes expired rows in the transaction that
-- takes their run trees over, so a commit either finishes before the takeover reads the trees or
-- applies nothing. Renewals update no key, so they do not wait for commits. With notify_claimable it
-- wakes the claim loops of every engine once the commit is durable.
-- The body spells its semicolons \073 in an escape string: `prisma migrate deploy` with a driver
-- adapter splits a script at every semicolon, inside quotes and dollar quotes too.
CREATE FUNCTION "orka_commit_guard"(lease_epoch INTEGER, notify_claimable BOOLEAN) RETURNS BOOLEAN LANGUAGE plpgsql AS E'
BEGIN
  IF lease_epoch IS NOT NULL THEN
    PERFORM 1 FROM "engine_leases" WHERE "epoch" = lease_epoch AND "expires_at" > (now() AT TIME ZONE ''UTC'') FOR KEY SHARE\073
    IF NOT FOUND THEN
      RAISE EXCEPTION ''engine lease % is no longer held'', lease_epoch USING ERRCODE = ''OL001''\073
    END IF\073
  END IF\073
  IF notify_claimable THEN
    PERFORM pg_notify(''orka_claimable'', '''')\073
  END IF\073
  RETURN true\073
END'

-- AlterTable
ALTER TABLE "runs" ADD COLUMN "owner_epoch" INTEGER;

-- CreateTable
CREATE TABLE "engine_leases" (
    "epoch" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "runs_owner_epoch_idx" ON "runs"("owner_epoch");

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "credential" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "created_at_ms" BIGINT NOT NULL,

    PRIMARY KEY ("credential", "key")
);

-- CreateTable
CREATE TABLE "request_rate_limits" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_ms_idx" ON "idempotency_keys"("created_at_ms");

-- CreateTable
CREATE TABLE "step_cache" (
    "team_id" TEXT NOT NULL,
    "workflow_key" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "output" TEXT,
    "source_run_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "step_cache_pkey" PRIMARY KEY ("team_id","workflow_key","step_id","key_hash")
);

-- CreateIndex
CREATE INDEX "step_cache_expires_at_idx" ON "step_cache"("expires_at");

-- CreateTable
CREATE TABLE "circuit_breakers" (
    "team_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" TIMESTAMP(3),
    "open_until" TIMESTAMP(3),
    "trial_by" TEXT,
    "trial_started_at" TIMESTAMP(3),
    "last_error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "circuit_breakers_pkey" PRIMARY KEY ("team_id","key")
);

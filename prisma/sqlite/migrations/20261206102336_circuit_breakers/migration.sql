-- CreateTable
CREATE TABLE "circuit_breakers" (
    "team_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "window_started_at" DATETIME,
    "open_until" DATETIME,
    "trial_by" TEXT,
    "trial_started_at" DATETIME,
    "last_error" TEXT,
    "updated_at" DATETIME NOT NULL,

    PRIMARY KEY ("team_id", "key")
);

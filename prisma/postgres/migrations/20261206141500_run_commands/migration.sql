-- CreateTable
CREATE TABLE "run_commands" (
    "id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "args" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "taken_by" INTEGER,
    "outcome" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "run_commands_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "run_commands_status_created_at_idx" ON "run_commands"("status", "created_at");

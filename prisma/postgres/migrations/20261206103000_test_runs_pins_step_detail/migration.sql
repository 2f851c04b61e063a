-- Test runs of a draft (flag and pinned step outputs), sample data pinned per workflow step, and
-- what a step attempt sent and received (step_runs.detail).

-- AlterTable
ALTER TABLE "runs" ADD COLUMN     "pins" TEXT,
ADD COLUMN     "test" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "step_runs" ADD COLUMN     "detail" TEXT;

-- CreateTable
CREATE TABLE "step_pins" (
    "workflow_id" TEXT NOT NULL,
    "step_id" TEXT NOT NULL,
    "output" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "step_pins_pkey" PRIMARY KEY ("workflow_id","step_id")
);

-- CreateIndex
CREATE INDEX "runs_workflow_id_test_created_at_idx" ON "runs"("workflow_id", "test", "created_at");

-- AddForeignKey
ALTER TABLE "step_pins" ADD CONSTRAINT "step_pins_workflow_id_fkey" FOREIGN KEY ("workflow_id") REFERENCES "workflows"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "workflows" ADD COLUMN     "draft_updated_by_id" TEXT;

-- AlterTable
ALTER TABLE "workflow_versions" ADD COLUMN     "source_revision" INTEGER;

-- AddForeignKey
ALTER TABLE "workflows" ADD CONSTRAINT "workflows_draft_updated_by_id_fkey" FOREIGN KEY ("draft_updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

import "server-only";
import { createTRPCRouter, editorProcedure, teamProcedure } from "../../trpc";
import { approveStep } from "./approve-step.handler";
import { approveStepInputSchema } from "./approve-step.schema";
import { bulkCancelRuns } from "./bulk-cancel.handler";
import { bulkCancelInputSchema } from "./bulk-cancel.schema";
import { bulkRetryRuns } from "./bulk-retry.handler";
import { bulkRetryInputSchema } from "./bulk-retry.schema";
import { bulkRedriveRuns } from "./bulk-redrive.handler";
import { cancelRun } from "./cancel.handler";
import { cancelRunInputSchema } from "./cancel.schema";
import { runEvents } from "./events.handler";
import { runEventsInputSchema } from "./events.schema";
import { getRun } from "./get.handler";
import { getRunInputSchema } from "./get.schema";
import { listRuns } from "./list.handler";
import { listRunsInputSchema } from "./list.schema";
import { rejectStep } from "./reject-step.handler";
import { rejectStepInputSchema } from "./reject-step.schema";
import { rerun } from "./rerun.handler";
import { rerunInputSchema } from "./rerun.schema";
import { redrive, redrivePreview } from "./redrive.handler";
import { redriveInputSchema, redrivePreviewInputSchema } from "./redrive.schema";
import { resolveStep } from "./resolve-step.handler";
import { resolveStepInputSchema } from "./resolve-step.schema";
import { retryStep } from "./retry-step.handler";
import { retryStepInputSchema } from "./retry-step.schema";
import { startTest, testStep } from "./start-test.handler";
import { startTestRunInputSchema, testStepInputSchema } from "./start-test.schema";
import { previewExpression } from "./preview-expression.handler";
import { previewExpressionInputSchema } from "./preview-expression.schema";
import { stepData } from "./step-data.handler";
import { stepDataInputSchema } from "./step-data.schema";
import { startRun } from "./start.handler";
import { startRunInputSchema } from "./start.schema";
import { waitingApprovals } from "./waiting-approvals.handler";

export const runsRouter = createTRPCRouter({
  start: editorProcedure.input(startRunInputSchema).mutation(startRun),
  startTest: editorProcedure.input(startTestRunInputSchema).mutation(startTest),
  testStep: editorProcedure.input(testStepInputSchema).mutation(testStep),
  stepData: teamProcedure.input(stepDataInputSchema).query(stepData),
  previewExpression: teamProcedure.input(previewExpressionInputSchema).query(previewExpression),
  get: teamProcedure.input(getRunInputSchema).query(getRun),
  list: teamProcedure.input(listRunsInputSchema).query(listRuns),
  waitingApprovals: teamProcedure.query(waitingApprovals),
  bulkCancel: editorProcedure.input(bulkCancelInputSchema).mutation(bulkCancelRuns),
  bulkRetry: editorProcedure.input(bulkRetryInputSchema).mutation(bulkRetryRuns),
  bulkRedrive: editorProcedure.input(bulkRetryInputSchema).mutation(bulkRedriveRuns),
  events: teamProcedure.input(runEventsInputSchema).subscription(runEvents),
  retryStep: editorProcedure.input(retryStepInputSchema).mutation(retryStep),
  resolveStep: editorProcedure.input(resolveStepInputSchema).mutation(resolveStep),
  approveStep: editorProcedure.input(approveStepInputSchema).mutation(approveStep),
  rejectStep: editorProcedure.input(rejectStepInputSchema).mutation(rejectStep),
  cancel: editorProcedure.input(cancelRunInputSchema).mutation(cancelRun),
  rerun: editorProcedure.input(rerunInputSchema).mutation(rerun),
  redrive: editorProcedure.input(redriveInputSchema).mutation(redrive),
  redrivePreview: teamProcedure.input(redrivePreviewInputSchema).query(redrivePreview),
});

import "server-only";
import { createTRPCRouter, editorProcedure, teamProcedure } from "../../trpc";
import { clearStepCache } from "./clear-step-cache.handler";
import { clearStepCacheInputSchema } from "./clear-step-cache.schema";
import { createWorkflow } from "./create.handler";
import { createWorkflowInputSchema } from "./create.schema";
import { deleteWorkflow } from "./delete.handler";
import { deleteWorkflowInputSchema } from "./delete.schema";
import { duplicateWorkflow } from "./duplicate.handler";
import { duplicateWorkflowInputSchema } from "./duplicate.schema";
import { exportDefinition } from "./export.handler";
import { exportDefinitionInputSchema } from "./export.schema";
import { getWorkflow } from "./get.handler";
import { getWorkflowInputSchema } from "./get.schema";
import { importDefinition } from "./import.handler";
import { importDefinitionInputSchema } from "./import.schema";
import { listWorkflows } from "./list.handler";
import { listWorkflowsInputSchema } from "./list.schema";
import { listPins, pinStep, unpinStep } from "./pins.handler";
import { listPinsInputSchema, pinStepInputSchema, unpinStepInputSchema } from "./pins.schema";
import { publishWorkflow } from "./publish.handler";
import { publishWorkflowInputSchema } from "./publish.schema";
import { renameWorkflow } from "./rename.handler";
import { renameWorkflowInputSchema } from "./rename.schema";
import { restoreVersion } from "./restore-version.handler";
import { restoreVersionInputSchema } from "./restore-version.schema";
import { saveDraft } from "./save-draft.handler";
import { saveDraftInputSchema } from "./save-draft.schema";
import { getVersion } from "./version.handler";
import { getVersionInputSchema } from "./version.schema";
import { listVersions } from "./versions.handler";
import { listVersionsInputSchema } from "./versions.schema";

export const workflowsRouter = createTRPCRouter({
  list: teamProcedure.input(listWorkflowsInputSchema).query(listWorkflows),
  get: teamProcedure.input(getWorkflowInputSchema).query(getWorkflow),
  create: editorProcedure.input(createWorkflowInputSchema).mutation(createWorkflow),
  rename: editorProcedure.input(renameWorkflowInputSchema).mutation(renameWorkflow),
  duplicate: editorProcedure.input(duplicateWorkflowInputSchema).mutation(duplicateWorkflow),
  delete: editorProcedure.input(deleteWorkflowInputSchema).mutation(deleteWorkflow),
  saveDraft: editorProcedure.input(saveDraftInputSchema).mutation(saveDraft),
  publish: editorProcedure.input(publishWorkflowInputSchema).mutation(publishWorkflow),
  versions: teamProcedure.input(listVersionsInputSchema).query(listVersions),
  version: teamProcedure.input(getVersionInputSchema).query(getVersion),
  restoreVersion: editorProcedure.input(restoreVersionInputSchema).mutation(restoreVersion),
  import: editorProcedure.input(importDefinitionInputSchema).mutation(importDefinition),
  export: teamProcedure.input(exportDefinitionInputSchema).query(exportDefinition),
  clearStepCache: editorProcedure.input(clearStepCacheInputSchema).mutation(clearStepCache),
  pins: teamProcedure.input(listPinsInputSchema).query(listPins),
  pinStep: editorProcedure.input(pinStepInputSchema).mutation(pinStep),
  unpinStep: editorProcedure.input(unpinStepInputSchema).mutation(unpinStep),
});

import "server-only";
import { createTRPCRouter, editorProcedure, teamProcedure } from "../../trpc";
import { deleteTemplate } from "./delete.handler";
import { templateForWorkflow } from "./for-workflow.handler";
import { templateForWorkflowInputSchema } from "./for-workflow.schema";
import { getTemplate } from "./get.handler";
import { listTemplates } from "./list.handler";
import { listTemplatesInputSchema } from "./list.schema";
import { publishTemplateHandler } from "./publish.handler";
import { publishTemplateInputSchema } from "./publish.schema";
import { listTemplateTags } from "./tags.handler";
import { templateRefInputSchema } from "./template-ref.schema";
import { useTemplateHandler } from "./use.handler";
import { useTemplateInputSchema } from "./use.schema";

/** The template gallery: publish a workflow version as a template, browse what the team may see, make a workflow from one. */
export const templatesRouter = createTRPCRouter({
  list: teamProcedure.input(listTemplatesInputSchema).query(listTemplates),
  tags: teamProcedure.query(listTemplateTags),
  get: teamProcedure.input(templateRefInputSchema).query(getTemplate),
  forWorkflow: teamProcedure.input(templateForWorkflowInputSchema).query(templateForWorkflow),
  publish: editorProcedure.input(publishTemplateInputSchema).mutation(publishTemplateHandler),
  use: editorProcedure.input(useTemplateInputSchema).mutation(useTemplateHandler),
  delete: editorProcedure.input(templateRefInputSchema).mutation(deleteTemplate),
});

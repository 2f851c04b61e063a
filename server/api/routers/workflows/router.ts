import "server-only";
import { createTRPCRouter, teamProcedure } from "../../trpc";
import { listWorkflows } from "./list.handler";
import { listWorkflowsInputSchema } from "./list.schema";

export const workflowsRouter = createTRPCRouter({
  list: teamProcedure.input(listWorkflowsInputSchema).query(listWorkflows),
});

import "server-only";
import { createTRPCRouter, editorProcedure, teamProcedure } from "../../trpc";
import { getRun } from "./get.handler";
import { getRunInputSchema } from "./get.schema";
import { startRun } from "./start.handler";
import { startRunInputSchema } from "./start.schema";

export const runsRouter = createTRPCRouter({
  start: editorProcedure.input(startRunInputSchema).mutation(startRun),
  get: teamProcedure.input(getRunInputSchema).query(getRun),
});

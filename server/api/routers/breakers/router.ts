import "server-only";
import { createTRPCRouter, editorProcedure, teamProcedure } from "../../trpc";
import { listBreakers, resetBreaker } from "./handlers";
import { resetBreakerInputSchema } from "./reset.schema";

/** The team's circuit breakers (one per target its steps call): any member reads them, editors reset one. */
export const breakersRouter = createTRPCRouter({
  list: teamProcedure.query(listBreakers),
  reset: editorProcedure.input(resetBreakerInputSchema).mutation(resetBreaker),
});

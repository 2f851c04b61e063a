import "server-only";
import { runsRouter } from "./routers/runs/router";
import { triggersRouter } from "./routers/triggers/router";
import { workflowsRouter } from "./routers/workflows/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  workflows: workflowsRouter,
  runs: runsRouter,
  triggers: triggersRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (server components, tests) with a given context. */
export const createCaller = createCallerFactory(appRouter);

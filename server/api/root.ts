import "server-only";
import { auditRouter } from "./routers/audit/router";
import { breakersRouter } from "./routers/breakers/router";
import { runsRouter } from "./routers/runs/router";
import { secretsRouter } from "./routers/secrets/router";
import { subscriptionsRouter } from "./routers/subscriptions/router";
import { templatesRouter } from "./routers/templates/router";
import { teamsRouter } from "./routers/teams/router";
import { triggersRouter } from "./routers/triggers/router";
import { workflowsRouter } from "./routers/workflows/router";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  workflows: workflowsRouter,
  runs: runsRouter,
  audit: auditRouter,
  triggers: triggersRouter,
  teams: teamsRouter,
  secrets: secretsRouter,
  subscriptions: subscriptionsRouter,
  templates: templatesRouter,
  breakers: breakersRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (server components, tests) with a given context. */
export const createCaller = createCallerFactory(appRouter);

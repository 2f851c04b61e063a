import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type WorkflowSummary = inferRouterOutputs<AppRouter>["workflows"]["list"][number];

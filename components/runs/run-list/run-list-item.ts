import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** One row of `runs.list`, as the client receives it. */
export type RunListItem = inferRouterOutputs<AppRouter>["runs"]["list"]["items"][number];

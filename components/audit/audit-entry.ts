import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

/** One entry of `audit.list`, as the client receives it. */
export type AuditEntryItem = inferRouterOutputs<AppRouter>["audit"]["list"]["entries"][number];

/** A person who appears in the log: a choice of the "who" filter. */
export type AuditActorItem = inferRouterOutputs<AppRouter>["audit"]["actors"][number];

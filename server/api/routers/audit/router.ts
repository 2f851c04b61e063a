import "server-only";
import { createTRPCRouter, teamProcedure } from "../../trpc";
import { listAuditActors } from "./actors.handler";
import { listAuditEntries } from "./list.handler";
import { listAuditInputSchema } from "./list.schema";

/**
 * The team's audit log. Any member may read it, viewers included: it holds who did what to the
 * team's workflows, runs and settings (names and labels members already see), never secret values.
 */
export const auditRouter = createTRPCRouter({
  list: teamProcedure.input(listAuditInputSchema).query(listAuditEntries),
  actors: teamProcedure.query(listAuditActors),
});

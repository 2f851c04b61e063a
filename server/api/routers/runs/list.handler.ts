import "server-only";
import { countRuns, listRuns as readRunPage, type RunFilters, type RunListPage } from "@/server/runs/list-runs";
import { parseRunSearch, runIdsByInput } from "@/server/runs/run-search";
import type { TeamContext } from "../../trpc";
import type { ListRunsInput } from "./list.schema";

export interface RunListPageWithTotal extends RunListPage {
  /** How many runs match the filters, across all pages. */
  total: number;
}

/** The caller's team's runs, newest first, one page at a time (see `server/runs/list-runs.ts`). */
export async function listRuns({ ctx, input }: { ctx: TeamContext; input: ListRunsInput }): Promise<RunListPageWithTotal> {
  const { cursor, limit, search: text, ...chosen } = input;
  const teamId = ctx.membership.teamId;
  const search = text ? parseRunSearch(text) : null;
  const filters: RunFilters = {
    ...chosen,
    ...(search?.kind === "id" && { idPrefix: search.prefix }),
    ...(search?.kind === "input" && { ids: await runIdsByInput(ctx.db, ctx.dbProvider, teamId, search) }),
  };
  const [page, total] = await Promise.all([readRunPage(ctx.db, teamId, filters, { cursor, limit }), countRuns(ctx.db, teamId, filters)]);
  return { ...page, total };
}

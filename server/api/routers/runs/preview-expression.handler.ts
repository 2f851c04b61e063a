import "server-only";
import { previewExpression as evaluateForRun, type ExpressionPreview } from "@/server/runs/preview-expression";
import { NotFoundError } from "../../errors";
import type { TeamContext } from "../../trpc";
import type { PreviewExpressionInput } from "./preview-expression.schema";

/** The value of an expression against one of the team's runs, for the designer's live preview; an expression error is an answer, not a failure. */
export async function previewExpression({ ctx, input }: { ctx: TeamContext; input: PreviewExpressionInput }): Promise<ExpressionPreview> {
  const preview = await evaluateForRun(ctx.db, ctx.membership.teamId, input.runId, input.source, input.template);
  if (!preview) throw new NotFoundError("run");
  return preview;
}

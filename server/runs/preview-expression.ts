import "server-only";
import { classifyError, evaluateExpression, renderTemplate, type ExpressionScope } from "@/engine";
import type { Db } from "@/server/db/create-prisma-client";
import { parseJson } from "./run-rows";

export type ExpressionPreview = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Evaluates an expression (or a `{{ }}` template) as a step of this run would see it: `$input`,
 * `$steps.<id>.output` of its finished steps, `$vars`, `$run`. Through the engine's bounded
 * evaluator: the proven-bounded subset in process, anything else in a killable worker within the
 * expression time limit. `$secrets` is not available here. Null when the run is not the team's.
 */
export async function previewExpression(db: Db, teamId: string, runId: string, source: string, template: boolean): Promise<ExpressionPreview | null> {
  const run = await db.run.findFirst({
    where: { id: runId, teamId },
    select: { id: true, input: true, vars: true, startedAt: true, steps: { where: { status: { in: ["completed", "resolved"] } }, select: { stepId: true, output: true } } },
  });
  if (!run) return null;
  const scope: ExpressionScope = {
    input: parseJson(run.input),
    steps: Object.fromEntries(run.steps.map((step) => [step.stepId, { output: parseJson(step.output) }])),
    vars: (parseJson(run.vars) ?? {}) as Record<string, unknown>,
    run: { id: run.id, startedAt: run.startedAt?.toISOString() ?? null },
  };
  try {
    return { ok: true, value: template ? await renderTemplate(source, scope) : await evaluateExpression(source, scope) };
  } catch (error) {
    return { ok: false, error: classifyError(error).message };
  }
}

import { validateDefinition } from "../../definition/validate";
import { PermanentError } from "../../errors";
import type { ChildRunRequest, StepContext } from "../handler";

/** The definition a sub-workflow or map step runs: inline, or resolved by reference. */
export async function childWorkflow(
  ctx: Pick<StepContext, "steps" | "resolver" | "teamId">,
  config: { workflow?: string; definition?: unknown },
): Promise<Omit<ChildRunRequest, "input">> {
  if (config.definition !== undefined) {
    const result = validateDefinition(config.definition, { steps: ctx.steps });
    if (!result.ok) throw new PermanentError(`inline definition is invalid: ${result.issues[0]!.path}: ${result.issues[0]!.message}`);
    return { definition: result.definition, workflowId: null, workflowVersionId: null };
  }
  return ctx.resolver.resolve(config.workflow!, { teamId: ctx.teamId });
}

import { checkNewRunInput } from "../../definition/input-schema";
import { ValidationError } from "../../definition/issues";
import type { Definition } from "../../definition/schema";
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

/**
 * Refuses a child run's input that its definition's input schema refuses, as `startRun` would: the
 * step fails permanently (the same input fails the same way) and no child run is made.
 *
 * @example
 * checkChildInput(child.definition, input, `item ${index}`); // PermanentError "item 2: invalid input: input.n: must be number"
 */
export function checkChildInput(definition: Definition, input: unknown, which: string): void {
  const issues = checkNewRunInput(definition.input, input);
  if (issues.length > 0) throw new PermanentError(`${which}: ${new ValidationError(issues, "invalid input").message}`);
}

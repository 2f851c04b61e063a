import "server-only";
import { validateDefinition, type ValidationResult, type WorkflowIdentity } from "@/engine/definition";
import { compositionLimitsFromEnv } from "@/server/engine-host/composition-env";

/**
 * Validates a draft as the workflow it belongs to: a step calling that very workflow is an issue,
 * and inline sub-workflows may nest as deep as the engine allows (`ORKA_MAX_NESTING_DEPTH`).
 */
export function validateDraftOf(workflow: WorkflowIdentity, draft: unknown): ValidationResult {
  const { id, namespace, name } = workflow;
  return validateDefinition(draft, { workflow: { id, namespace, name }, maxNestingDepth: compositionLimitsFromEnv().maxNestingDepth });
}

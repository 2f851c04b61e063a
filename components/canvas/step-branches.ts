import type { StepDefinition } from "@/engine/definition/schema";
import { getStepSpec } from "@/engine/definition/step-specs";

/**
 * Branch labels a step produces, or `null` when its edges carry none. A config that does not
 * parse still yields branches when the spec can read it (a switch mid-edit keeps its handles).
 */
export function stepBranches(step: Pick<StepDefinition, "type" | "config">): string[] | null {
  const spec = getStepSpec(step.type);
  if (!spec) return null;
  const parsed = spec.configSchema.safeParse(step.config);
  try {
    return spec.branches(parsed.success ? parsed.data : step.config);
  } catch {
    return null;
  }
}

/** Whether a step gets an error handle (its `error` edge, taken when it fails for good): every step but `fail`. */
export function hasErrorHandle(step: Pick<StepDefinition, "type">): boolean {
  return step.type !== "fail";
}

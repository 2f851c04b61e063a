import type { Definition } from "../definition/schema";
import { PermanentError } from "../errors";

export interface ResolvedWorkflow {
  definition: Definition;
  workflowId: string | null;
  workflowVersionId: string | null;
}

/**
 * Finds the definition a `subworkflow`/`map` step names in `config.workflow`. The server resolves
 * it in the caller's team (latest published version); the CLI resolves file paths.
 *
 * @example
 * const child = await resolver.resolve("billing/charge", { teamId: "t1" });
 */
export interface WorkflowResolver {
  resolve(reference: string, context: { teamId: string | null }): Promise<ResolvedWorkflow>;
}

export const noWorkflowResolver: WorkflowResolver = {
  async resolve(reference) {
    throw new PermanentError(`cannot resolve workflow "${reference}": no workflow resolver is configured here`);
  },
};

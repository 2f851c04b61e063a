/** A saved workflow as `subworkflow` and `map` steps can name it. */
export interface WorkflowIdentity {
  id: string;
  namespace: string;
  name: string;
}

export const defaultNamespace = "default";

/**
 * How a `subworkflow`/`map` step's `config.workflow` names a workflow of its team: `namespace/name`,
 * or a bare name in the default namespace (the server also accepts the workflow's id).
 *
 * @example
 * parseWorkflowReference("billing/charge") // { namespace: "billing", name: "charge" }
 */
export function parseWorkflowReference(reference: string): { namespace: string; name: string } {
  const slash = reference.indexOf("/");
  return slash < 0 ? { namespace: defaultNamespace, name: reference } : { namespace: reference.slice(0, slash), name: reference.slice(slash + 1) };
}

/** Whether `reference` names `workflow`, by id or by namespace and name. */
export function refersToWorkflow(reference: string, workflow: WorkflowIdentity): boolean {
  if (reference === workflow.id) return true;
  const { namespace, name } = parseWorkflowReference(reference);
  return namespace === workflow.namespace && name === workflow.name;
}

/** A root run's row as first committed (pending, no workflow), for store tests that write runs directly. */
export function pendingRunRow(id: string, createdAt: Date) {
  return {
    id, teamId: null, workflowId: null, workflowVersionId: null, parentRunId: null, parentStepId: null,
    parentIndex: null, rootRunId: id, depth: 0, status: "pending" as const, definition: {}, input: {}, output: null, error: null,
    vars: {}, createdAt, startedAt: null, finishedAt: null, updatedAt: createdAt,
  };
}

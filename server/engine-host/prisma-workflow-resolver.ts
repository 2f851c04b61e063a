import { parseWorkflowReference, PermanentError, validateDefinition, type WorkflowResolver } from "../../engine/index";
import type { Db } from "../db/create-prisma-client";

/**
 * Resolves `config.workflow` of sub-workflow and map steps inside the parent run's team: a workflow
 * id, or `namespace/name`, or a bare name in the default namespace. Runs pin the latest published
 * version; a workflow that was never published cannot be called.
 */
export function prismaWorkflowResolver(db: Db): WorkflowResolver {
  return {
    async resolve(reference, { teamId }) {
      if (!teamId) throw new PermanentError(`workflow "${reference}" cannot be resolved outside a team`);
      const { namespace, name } = parseWorkflowReference(reference);
      const workflow = await db.workflow.findFirst({
        where: { teamId, OR: [{ id: reference }, { namespace, name }] },
        select: { id: true, versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, definition: true } } },
      });
      if (!workflow) throw new PermanentError(`workflow "${reference}" not found in this team`);
      const version = workflow.versions[0];
      if (!version) throw new PermanentError(`workflow "${reference}" has no published version`);
      const result = validateDefinition(JSON.parse(version.definition));
      if (!result.ok) throw new PermanentError(`workflow "${reference}" version is invalid: ${result.issues[0]!.path} ${result.issues[0]!.message}`);
      return { definition: result.definition, workflowId: workflow.id, workflowVersionId: version.id };
    },
  };
}

import path from "node:path";
import { PermanentError, type WorkflowResolver } from "../../engine/index";
import { loadDefinitionFile } from "./definition-file";

/** In the CLI a sub-workflow reference is a file path, relative to the parent definition's file. */
export function fileResolver(baseDirectory: string): WorkflowResolver {
  return {
    async resolve(reference) {
      const result = await loadDefinitionFile(path.resolve(baseDirectory, reference));
      if (!result.ok) throw new PermanentError(`workflow "${reference}": ${result.issues.map((issue) => `${issue.path} ${issue.message}`.trim()).join("; ")}`);
      return { definition: result.definition, workflowId: null, workflowVersionId: null };
    },
  };
}

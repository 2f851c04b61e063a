import { loadDefinitionFile, printIssues } from "./definition-file";

export async function validateCommand(file: string): Promise<number> {
  const result = await loadDefinitionFile(file);
  if (!result.ok) {
    printIssues(result.issues);
    return 2;
  }
  process.stderr.write(`${file}: valid (${result.definition.steps.length} steps)\n`);
  return 0;
}

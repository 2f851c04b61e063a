import fs from "node:fs/promises";
import path from "node:path";
// The isomorphic definition module only: `orka validate` loads no engine runtime.
import { formatIssue, limits, parseDefinitionText, validateDefinition, type Definition, type ValidationIssue } from "../../engine/definition/index";
import { formatBytes } from "../../engine/definition/validate";

export type LoadResult = { ok: true; definition: Definition } | { ok: false; issues: ValidationIssue[] };

/** Reads, parses (JSON or YAML by extension) and validates a definition file, refusing big files unread. */
export async function loadDefinitionFile(file: string): Promise<LoadResult> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch (error) {
    return { ok: false, issues: [{ path: "", message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }] };
  }
  if (size > limits.definitionBytes)
    return { ok: false, issues: [{ path: "", message: `${file} is ${formatBytes(size)}; the limit is ${formatBytes(limits.definitionBytes)}` }] };
  const extension = path.extname(file).toLowerCase();
  const format = extension === ".yaml" || extension === ".yml" ? "yaml" : extension === ".json" ? "json" : "auto";
  const parsed = parseDefinitionText(await fs.readFile(file, "utf8"), format);
  if (!parsed.ok) return parsed;
  return validateDefinition(parsed.value);
}

/** One line per problem (the CLI contract), even when a message quotes multi-line source text. */
export function printIssues(issues: ValidationIssue[]): void {
  for (const issue of issues) process.stderr.write(`${formatIssue(issue).replace(/\s*[\r\n]+\s*/g, " ")}\n`);
}

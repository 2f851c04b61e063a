/** A validation problem, addressed by a path such as `steps[1].config.expression`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Joins zod-style path segments into `steps[1].config.url`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += path ? `.${String(segment)}` : String(segment);
  }
  return path;
}

export function formatIssue(issue: ValidationIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** Thrown at a boundary (engine API, CLI, server) when input does not validate. */
export class ValidationError extends Error {
  constructor(
    readonly issues: ValidationIssue[],
    summary = "invalid",
  ) {
    super(`${summary}: ${issues.map(formatIssue).join("; ")}`);
    this.name = "ValidationError";
  }
}

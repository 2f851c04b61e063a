import type { ValidationIssue } from "@/engine/definition";

/** A field's claim on issues: its own path, or (for JSON editors) everything below it too. */
export type FieldClaim = { path: string; deep?: boolean };

export function claims(claim: FieldClaim, issuePath: string): boolean {
  if (issuePath === claim.path) return true;
  return claim.deep === true && (issuePath.startsWith(`${claim.path}.`) || issuePath.startsWith(`${claim.path}[`));
}

export function issuesFor(issues: readonly ValidationIssue[], claim: FieldClaim): ValidationIssue[] {
  return issues.filter((issue) => claims(claim, issue.path));
}

/** Issues no rendered field shows: listed at the top of the inspector so none goes unseen. */
export function unclaimedIssues(issues: readonly ValidationIssue[], fields: readonly FieldClaim[]): ValidationIssue[] {
  return issues.filter((issue) => !fields.some((field) => claims(field, issue.path)));
}

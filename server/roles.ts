/** Membership roles, weakest first: viewer reads; editor edits, runs and operates runs; owner manages members. */
export const roles = ["viewer", "editor", "owner"] as const;
export type Role = (typeof roles)[number];

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function hasRole(actual: Role, required: Role): boolean {
  return roles.indexOf(actual) >= roles.indexOf(required);
}

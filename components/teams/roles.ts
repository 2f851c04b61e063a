import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type TeamsOutputs = inferRouterOutputs<AppRouter>["teams"];
export type Me = TeamsOutputs["me"];
export type Role = Me["teams"][number]["role"];

/** Strongest first, as the role selects list them. */
export const roleOptions: { value: Role; label: string; can: string }[] = [
  { value: "owner", label: "Owner", can: "manages members and settings, and does everything an editor does" },
  { value: "editor", label: "Editor", can: "designs and runs workflows and acts on runs" },
  { value: "viewer", label: "Viewer", can: "reads workflows and runs" },
];

export function roleLabel(role: Role): string {
  return roleOptions.find((option) => option.value === role)?.label ?? role;
}

/** "an owner", "an editor", "a viewer". */
export function withArticle(role: Role): string {
  return role === "viewer" ? "a viewer" : `an ${role}`;
}

export function asRole(value: string): Role | null {
  return roleOptions.find((option) => option.value === value)?.value ?? null;
}

/** The style of the app's small selects (role, expiry, team). */
export const selectStyle =
  "block rounded-lg border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-sm focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30 focus:outline-none disabled:bg-slate-50 disabled:text-slate-400";

import { findCycle } from "@/engine/definition/graph";
import { errorBranch, type Definition } from "@/engine/definition/schema";
import { hasErrorHandle, stepBranches } from "./step-branches";

export type ConnectionCandidate = { source: string; target: string; sourceHandle?: string | null };
export type ConnectionVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether dragging `source` → `target` (from the `sourceHandle` branch) makes a valid edge. Run
 * while the user drags, so refusals read as sentences.
 */
export function checkConnection(definition: Pick<Definition, "steps" | "edges">, connection: ConnectionCandidate): ConnectionVerdict {
  const { source, target } = connection;
  const branch = connection.sourceHandle ?? undefined;
  const from = definition.steps.find((step) => step.id === source);
  if (!from) return refuse(`there is no step "${source}"`);
  if (!definition.steps.some((step) => step.id === target)) return refuse(`there is no step "${target}"`);
  if (source === target) return refuse(`"${source}" cannot connect to itself`);

  const branches = stepBranches(from);
  if (branch === errorBranch) {
    if (!hasErrorHandle(from)) return refuse(`"${source}" is a fail step: it always fails, so it has no error branch`);
    const existing = definition.edges.find((edge) => edge.from === source && edge.branch === errorBranch);
    if (existing) return refuse(`"${source}" already sends its errors to "${existing.to}"; a step has one error edge`);
  } else {
    if (branches === null && branch !== undefined) return refuse(`"${source}" is a ${from.type} step and has no branch "${branch}"`);
    if (branches !== null && branch === undefined) return refuse(`connect from one of "${source}"'s branches (${branches.join(", ")})`);
    if (branches !== null && branch !== undefined && !branches.includes(branch))
      return refuse(`"${source}" has no branch "${branch}" (it has ${branches.join(", ")})`);
  }

  const duplicate = definition.edges.some((edge) => edge.from === source && edge.to === target && edge.branch === branch);
  if (duplicate) return refuse(`"${source}" is already connected to "${target}"${branch ? ` on "${branch}"` : ""}`);

  const edges = [...definition.edges, { from: source, to: target, branch }];
  const cycle = findCycle(definition.steps.map((step) => step.id), edges);
  if (cycle) return refuse(`that would make a cycle: ${cycle.join(" → ")}`);
  return { ok: true };
}

function refuse(reason: string): ConnectionVerdict {
  return { ok: false, reason };
}

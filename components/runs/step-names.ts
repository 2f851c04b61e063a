/**
 * Each step's display name (its `name`, else its id) from a run's pinned definition, which may be
 * anything a client was sent: what is not a step with an id is skipped.
 */
export function stepNamesOf(definition: unknown): ReadonlyMap<string, string> {
  const steps = (definition as { steps?: unknown } | null)?.steps;
  const names = new Map<string, string>();
  if (!Array.isArray(steps)) return names;
  for (const step of steps as { id?: unknown; name?: unknown }[]) {
    if (typeof step?.id !== "string") continue;
    names.set(step.id, typeof step.name === "string" && step.name.trim() ? step.name.trim() : step.id);
  }
  return names;
}

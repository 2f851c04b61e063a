/** Reading the tables the engine writes: JSON text columns, status vocabularies, step order. */

/** The engine writes these columns as JSON text; SQL NULL reads as null. */
export function parseJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

/** Status columns are plain text: a value outside the vocabulary is a corrupt row. */
export function oneOf<T extends string>(allowed: readonly T[], value: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new Error(`unknown status "${value}" in the runs tables`);
  return value as T;
}

/**
 * Steps in the order they were queued. Timestamps have millisecond resolution and a fast chain
 * queues several steps within one, so ties fall back to the definition's order (then the id), never
 * to the alphabet alone — "double" before "add_one" in a double → add_one chain.
 */
export function inQueueOrder<T extends { stepId: string; queuedAt: Date | null }>(steps: readonly T[], definition: unknown): T[] {
  const declared = Array.isArray((definition as { steps?: unknown } | null)?.steps)
    ? ((definition as { steps: { id?: unknown }[] }).steps.map((step) => step?.id) as unknown[])
    : [];
  const position = (id: string) => {
    const index = declared.indexOf(id);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const time = (step: T) => step.queuedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...steps].sort((a, b) => time(a) - time(b) || position(a.stepId) - position(b.stepId) || a.stepId.localeCompare(b.stepId));
}

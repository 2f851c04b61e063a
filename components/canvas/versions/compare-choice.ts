/**
 * The pair the compare control starts on: the previous version → the latest, or null when there
 * is nothing to compare. `numbers` is newest first, as workflows.versions lists them.
 */
export function defaultComparison(numbers: readonly number[]): { from: number; to: number } | null {
  const [latest, previous] = numbers;
  return latest !== undefined && previous !== undefined ? { from: previous, to: latest } : null;
}

/** A choice that still names an existing version, else the default (a version list can change under a choice). */
export function keepChoice(choice: number | null, numbers: readonly number[], fallback: number): number {
  return choice !== null && numbers.includes(choice) ? choice : fallback;
}

/** "version 3" or "the draft", for headings like "Changes from version 2 to the draft". */
export function sideLabel(side: number | "draft"): string {
  return side === "draft" ? "the draft" : `version ${side}`;
}

import type { Definition, EdgeDefinition, StepDefinition } from "@/engine/definition";

export interface ClipboardContent {
  steps: StepDefinition[];
  edges: EdgeDefinition[];
}

const marker = "orka/steps";

/** The chosen steps and the edges between them: what copy puts on the clipboard. */
export function copySelection(definition: Pick<Definition, "steps" | "edges">, ids: readonly string[]): ClipboardContent {
  const chosen = new Set(ids);
  return {
    steps: definition.steps.filter((step) => chosen.has(step.id)),
    edges: definition.edges.filter((edge) => chosen.has(edge.from) && chosen.has(edge.to)),
  };
}

/** Clipboard text that another designer tab can paste. */
export function clipboardText(content: ClipboardContent): string {
  return JSON.stringify({ [marker]: 1, ...content });
}

/** Steps from clipboard text written by `clipboardText`, or null for any other text. */
export function parseClipboardText(text: string): ClipboardContent | null {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value?.[marker] !== 1 || !Array.isArray(value.steps) || !Array.isArray(value.edges)) return null;
    return { steps: value.steps as StepDefinition[], edges: value.edges as EdgeDefinition[] };
  } catch {
    return null;
  }
}

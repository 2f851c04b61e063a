import { definitionSchema, stepSchema, type Definition, type EdgeDefinition, type StepDefinition } from "@/engine/definition/schema";
import { defaultPosition, edgeId } from "../to-flow";

export type StepChange = {
  id: string;
  /** Changed fields, config one key deep: "name", "retry", "config.url", "position"… */
  fields: string[];
};

export type DefinitionDiff = {
  steps: {
    added: string[];
    removed: string[];
    /** Steps with a change other than their position ("position" is listed when they moved too). */
    changed: StepChange[];
    /** Steps whose only change is their position: a list may hide them. */
    moved: string[];
  };
  edges: { added: EdgeDefinition[]; removed: EdgeDefinition[] };
  /** Changed top-level fields: "description", "input", "output", "maxParallel"… */
  workflow: string[];
};

/**
 * What changed from `before` to `after`, by step id and edge (from, to, branch). Both sides are
 * compared with the schema's defaults applied, so a published version (stored with defaults) and
 * a draft (stored as written) differ only where a person changed something. Step order is ignored.
 */
export function diffDefinitions(before: Definition, after: Definition): DefinitionDiff {
  const beforeSteps = stepsById(before);
  const afterSteps = stepsById(after);
  const diff: DefinitionDiff = {
    steps: { added: [], removed: [], changed: [], moved: [] },
    edges: edgeChanges(before.edges ?? [], after.edges ?? []),
    workflow: changedKeys(workflowFields(before), workflowFields(after)),
  };
  for (const [id, step] of afterSteps) {
    const old = beforeSteps.get(id);
    if (!old) diff.steps.added.push(id);
    else {
      const fields = stepFieldChanges(old, step);
      if (fields.length === 1 && fields[0] === "position") diff.steps.moved.push(id);
      else if (fields.length > 0) diff.steps.changed.push({ id, fields });
    }
  }
  for (const id of beforeSteps.keys()) if (!afterSteps.has(id)) diff.steps.removed.push(id);
  return diff;
}

export type StepDiffStatus = "added" | "removed" | "changed" | "moved" | "unchanged";
export type EdgeDiffStatus = "added" | "removed" | "unchanged";

export type MergedDiff = {
  /** `after`, plus the removed steps (at their old place) and the removed edges. */
  definition: Definition;
  stepStatus: Record<string, StepDiffStatus>;
  /** Keyed by `edgeId()`. */
  edgeStatus: Record<string, EdgeDiffStatus>;
};

/**
 * One definition holding both sides, for the canvas to draw with each step and edge coloured by
 * its status. Removed steps are appended with an explicit position: drawn by index, they would
 * land on the grid cell of another step.
 */
export function mergeForDiff(before: Definition, after: Definition): MergedDiff {
  const diff = diffDefinitions(before, after);
  const removed = new Set(diff.steps.removed);
  const changed = new Set(diff.steps.changed.map((change) => change.id));
  const moved = new Set(diff.steps.moved);
  const added = new Set(diff.steps.added);
  const stepStatus: Record<string, StepDiffStatus> = {};
  for (const step of after.steps ?? [])
    stepStatus[step.id] = added.has(step.id) ? "added" : changed.has(step.id) ? "changed" : moved.has(step.id) ? "moved" : "unchanged";
  const removedSteps = (before.steps ?? []).flatMap((step, index) => {
    if (!removed.has(step.id)) return [];
    stepStatus[step.id] = "removed";
    return [{ ...step, position: step.position ?? defaultPosition(index) }];
  });
  const edgeStatus: Record<string, EdgeDiffStatus> = {};
  const addedEdges = new Set(diff.edges.added.map(edgeId));
  for (const edge of after.edges ?? []) edgeStatus[edgeId(edge)] = addedEdges.has(edgeId(edge)) ? "added" : "unchanged";
  for (const edge of diff.edges.removed) edgeStatus[edgeId(edge)] = "removed";
  return {
    definition: { ...after, steps: [...(after.steps ?? []), ...removedSteps], edges: [...(after.edges ?? []), ...diff.edges.removed] },
    stepStatus,
    edgeStatus,
  };
}

export function isEmptyDiff(diff: DefinitionDiff, { includeMoves = true } = {}): boolean {
  const { steps, edges, workflow } = diff;
  const stepCount = steps.added.length + steps.removed.length + steps.changed.length + (includeMoves ? steps.moved.length : 0);
  return stepCount + edges.added.length + edges.removed.length + workflow.length === 0;
}

function stepsById(definition: Definition): Map<string, StepDefinition> {
  return new Map((definition.steps ?? []).map((step) => [step.id, withDefaults(step)]));
}

/** A step that does not parse (a draft mid-edit) is compared as written. */
function withDefaults(step: StepDefinition): StepDefinition {
  const parsed = stepSchema.safeParse(step);
  return parsed.success ? parsed.data : step;
}

function workflowFields(definition: Definition): Record<string, unknown> {
  const { steps: _steps, edges: _edges, ...fields } = definition;
  const parsed = definitionSchema.safeParse({ ...fields, steps: [], edges: [] });
  if (!parsed.success) return fields;
  const { steps: _parsedSteps, edges: _parsedEdges, ...withDefaultsApplied } = parsed.data;
  return withDefaultsApplied;
}

function stepFieldChanges(before: StepDefinition, after: StepDefinition): string[] {
  const { config: beforeConfig = {}, ...beforeRest } = before;
  const { config: afterConfig = {}, ...afterRest } = after;
  const fields = changedKeys(beforeRest, afterRest).filter((key) => key !== "position");
  fields.push(...changedKeys(beforeConfig, afterConfig).map((key) => `config.${key}`));
  if (!samePosition(before.position, after.position)) fields.push("position");
  return fields;
}

function samePosition(a: StepDefinition["position"], b: StepDefinition["position"]): boolean {
  return a?.x === b?.x && a?.y === b?.y;
}

function edgeChanges(before: readonly EdgeDefinition[], after: readonly EdgeDefinition[]): DefinitionDiff["edges"] {
  const beforeIds = new Set(before.map(edgeId));
  const afterIds = new Set(after.map(edgeId));
  return { added: uniqueEdges(after.filter((edge) => !beforeIds.has(edgeId(edge)))), removed: uniqueEdges(before.filter((edge) => !afterIds.has(edgeId(edge)))) };
}

/** An invalid draft may hold the same edge twice: it is one change. */
function uniqueEdges(edges: EdgeDefinition[]): EdgeDefinition[] {
  return [...new Map(edges.map((edge) => [edgeId(edge), edge])).values()];
}

/** Keys whose values differ, in the order they first appear (`after` first, then keys only `before` has). */
function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(after), ...Object.keys(before)]);
  return [...keys].filter((key) => !sameValue(before[key], after[key]));
}

/** Deep equality of JSON values; key order does not matter, a missing key equals `undefined`. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  return changedKeys(left, right).length === 0;
}

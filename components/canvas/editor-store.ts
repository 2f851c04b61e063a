import { createStore, type StoreApi } from "zustand/vanilla";
import { stepIdPattern, type Definition, type StepDefinition } from "@/engine/definition/schema";
import { checkConnection, type ConnectionCandidate } from "./connection-rules";
import { defaultConfig } from "./default-config";
import * as history from "./history";
import { copySteps, freshStepId } from "./step-ids";
import { applyPositions, edgeIds } from "./to-flow";

type Position = { x: number; y: number };
type PositionedNode = { id: string; position: Position };
export type StepPatch = Partial<Pick<StepDefinition, "name" | "description" | "config" | "retry" | "timeoutMs" | "assign" | "optional" | "cache">>;
export type WorkflowPatch = Partial<Pick<Definition, "name" | "title" | "description" | "input" | "output" | "maxParallel">>;
/**
 * Consecutive edits with the same `mergeKey` (e.g. `steps.a.config.url`) make one undo entry, so
 * typing a word undoes as a whole; any other change in between, a pause of `typingPauseMs` or
 * `endEditGroup()` (a code editor calls it on a line break) starts a new entry.
 */
export type EditOptions = { mergeKey?: string };

/** The pause that ends a run of typing, as in CodeMirror's own history (`newGroupDelay`). */
export const typingPauseMs = 500;

export type EditorState = {
  definition: Definition;
  past: Definition[];
  future: Definition[];
  /** View only: never in history, never saved. */
  selection: string[];
  /** Returns the new step's id. */
  addStep(type: string, position: Position): string;
  removeSteps(ids: readonly string[]): void;
  /** Call on drag stop, not on every drag frame: one completed drag is one undo step. */
  moveSteps(nodes: readonly PositionedNode[]): void;
  updateStep(id: string, patch: StepPatch, options?: EditOptions): void;
  /** Returns why the rename was refused, or null. */
  renameStepId(oldId: string, newId: string): string | null;
  /** Returns why the connection was refused (the document is then unchanged), or null. */
  connect(connection: ConnectionCandidate): string | null;
  disconnect(edgeIds: readonly string[]): void;
  /** Returns the pasted steps' ids (they become the selection). */
  paste(steps: readonly StepDefinition[], edges: Definition["edges"], offset: Position): string[];
  duplicate(ids: readonly string[]): string[];
  applyLayout(nodes: readonly PositionedNode[]): void;
  setSelection(ids: readonly string[]): void;
  updateWorkflow(patch: WorkflowPatch, options?: EditOptions): void;
  replaceDefinition(definition: Definition): void;
  /**
   * The workflow was renamed on the server (the name belongs to the workflow row, not to one edit):
   * every history entry takes the new name, so undo never brings the old one back.
   */
  adoptName(name: string): void;
  /** The next edit starts a new undo entry even if it continues the same field. */
  endEditGroup(): void;
  undo(): void;
  redo(): void;
};

export type EditorStore = StoreApi<EditorState>;

export const canUndo = (state: EditorState) => state.past.length > 0;
export const canRedo = (state: EditorState) => state.future.length > 0;

const duplicateOffset = { x: 40, y: 40 };

/** One store per designer (created by its provider): two open designers never share history. */
export function createEditorStore(initial: Definition, clock: { now(): number } = Date): EditorStore {
  return createStore<EditorState>()((set, get) => {
    // Not state: which field the newest undo entry belongs to, and when it was last typed in. Any
    // other commit, an undo/redo or a pause ends the run.
    let lastMergeKey: string | undefined;
    let lastEditAt = -Infinity;
    const travel = (move: typeof history.undo) => {
      lastMergeKey = undefined;
      const { definition, past, future, selection } = get();
      const moved = move({ present: definition, past, future });
      const ids = new Set(moved.present.steps.map((step) => step.id));
      set({ definition: moved.present, past: moved.past, future: moved.future, selection: selection.filter((id) => ids.has(id)) });
    };
    const commit = (next: Definition, selection?: string[], mergeKey?: string) => {
      const { definition, past, future } = get();
      const now = clock.now();
      const merging = mergeKey !== undefined && mergeKey === lastMergeKey && now - lastEditAt < typingPauseMs && past.length > 0;
      lastMergeKey = mergeKey;
      lastEditAt = now;
      const recorded = (merging ? history.amend : history.record)({ present: definition, past, future }, next);
      set({ definition: recorded.present, past: recorded.past, future: recorded.future, ...(selection && { selection }) });
    };
    const edit = (change: (definition: Definition) => Definition, mergeKey?: string) => commit(change(get().definition), undefined, mergeKey);
    const takenIds = () => new Set(get().definition.steps.map((step) => step.id));
    const pasteSteps = (steps: readonly StepDefinition[], edges: Definition["edges"], offset: Position) => {
      if (steps.length === 0) return [];
      const copied = copySteps(steps, edges, offset, takenIds());
      const ids = copied.steps.map((step) => step.id);
      edit((definition) => ({ ...definition, steps: [...definition.steps, ...copied.steps], edges: [...definition.edges, ...copied.edges] }));
      set({ selection: ids });
      return ids;
    };

    return {
      definition: initial,
      past: [],
      future: [],
      selection: [],
      addStep(type, position) {
        const id = freshStepId(type, takenIds());
        const step: StepDefinition = { id, type, config: defaultConfig(type), position: roundPosition(position) };
        commit({ ...get().definition, steps: [...get().definition.steps, step] }, [id]);
        return id;
      },
      removeSteps(ids) {
        const taken = takenIds();
        const removed = new Set(ids.filter((id) => taken.has(id)));
        if (removed.size === 0) return;
        const definition = get().definition;
        commit(
          {
            ...definition,
            steps: definition.steps.filter((step) => !removed.has(step.id)),
            edges: definition.edges.filter((edge) => !removed.has(edge.from) && !removed.has(edge.to)),
          },
          get().selection.filter((id) => !removed.has(id)),
        );
      },
      moveSteps: (nodes) => edit((definition) => applyPositions(definition, nodes)),
      applyLayout: (nodes) => edit((definition) => applyPositions(definition, nodes)),
      updateStep(id, patch, options) {
        edit(
          (definition) => ({
            ...definition,
            steps: definition.steps.map((step) => (step.id === id ? withoutUndefined({ ...step, ...patch }) : step)),
          }),
          options?.mergeKey,
        );
      },
      renameStepId(oldId, newId) {
        if (oldId === newId) return null;
        if (!takenIds().has(oldId)) return `there is no step "${oldId}"`;
        if (!stepIdPattern.test(newId)) return "an id is lowercase letters, digits and _, starting with a letter (at most 64)";
        if (takenIds().has(newId)) return `the id "${newId}" is already used`;
        const rename = (id: string) => (id === oldId ? newId : id);
        const definition = get().definition;
        commit(
          {
            ...definition,
            steps: definition.steps.map((step) => (step.id === oldId ? { ...step, id: newId } : step)),
            edges: definition.edges.map((edge) =>
              edge.from === oldId || edge.to === oldId ? { ...edge, from: rename(edge.from), to: rename(edge.to) } : edge,
            ),
          },
          get().selection.map(rename),
        );
        return null;
      },
      connect(connection) {
        const verdict = checkConnection(get().definition, connection);
        if (!verdict.ok) return verdict.reason;
        const branch = connection.sourceHandle ?? undefined;
        const edge = { from: connection.source, to: connection.target, ...(branch !== undefined && { branch }) };
        edit((definition) => ({ ...definition, edges: [...definition.edges, edge] }));
        return null;
      },
      disconnect(ids) {
        const removed = new Set(ids);
        const definition = get().definition;
        const current = edgeIds(definition.edges);
        if (!current.some((id) => removed.has(id))) return;
        commit({ ...definition, edges: definition.edges.filter((_, index) => !removed.has(current[index]!)) });
      },
      paste: pasteSteps,
      duplicate(ids) {
        const chosen = new Set(ids);
        const { steps, edges } = get().definition;
        return pasteSteps(
          steps.filter((step) => chosen.has(step.id)),
          edges.filter((edge) => chosen.has(edge.from) && chosen.has(edge.to)),
          duplicateOffset,
        );
      },
      setSelection: (ids) => set({ selection: [...ids] }),
      updateWorkflow: (patch, options) => edit((definition) => withoutUndefined({ ...definition, ...patch }), options?.mergeKey),
      replaceDefinition(definition) {
        const ids = new Set(definition.steps.map((step) => step.id));
        commit(definition, get().selection.filter((id) => ids.has(id)));
      },
      adoptName(name) {
        const rename = (definition: Definition) => (definition.name === name ? definition : { ...definition, name });
        const { definition, past, future } = get();
        set({ definition: rename(definition), past: past.map(rename), future: future.map(rename) });
      },
      endEditGroup: () => {
        lastMergeKey = undefined;
      },
      undo: () => travel(history.undo),
      redo: () => travel(history.redo),
    };
  });
}

function roundPosition(position: Position): Position {
  return { x: Math.round(position.x), y: Math.round(position.y) };
}

/** A patch value of `undefined` clears the field (e.g. removing a timeout), rather than storing `undefined`. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

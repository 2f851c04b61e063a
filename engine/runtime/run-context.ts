import type { z } from "zod";
import { buildGraph, type Graph } from "../definition/graph";
import type { RunEvent, RunEventType } from "../definition/run-events";
import { definitionSchema, errorBranch, type Definition, type StepDefinition } from "../definition/schema";
import type { RunStatus, StepStatus } from "../definition/statuses";
import type { ExpressionScope } from "../expressions/evaluate";
import type { RunMutation, RunRow, StartRecord, StepCacheEntry, StepRunRow, StoredRun } from "../ports/run-store";
import { assertRunTransition, assertStepTransition } from "../state/transitions";
import type { StepFacts } from "../scheduling/edges";
import type { SettleFacts } from "../scheduling/settle";

// Every run of a published version shares its validated definition (never mutated): one graph for all of them.
const graphs = new WeakMap<Definition, Graph>();

function graphOf(definition: Definition): Graph {
  let graph = graphs.get(definition);
  if (!graph) graphs.set(definition, (graph = buildGraph(definition)));
  return graph;
}

/**
 * This process's mirror of one run. Every change goes through `moveStep`/`moveRun`, which check the
 * transition table, append the event and collect the rows for the next group commit. The database
 * stays the source of truth: a failed commit evicts the context and the run is reloaded.
 */
export class RunContext {
  readonly definition: Definition;
  readonly graph: Graph;
  readonly stepsById: Map<string, StepDefinition>;
  readonly steps = new Map<string, StepRunRow>();
  /** Handlers in flight, by step id; aborting cancels them. */
  readonly inFlight = new Map<string, AbortController>();
  run: RunRow;
  private seq: number;
  private dirtyRun = false;
  private readonly dirtySteps = new Map<string, StepRunRow>();
  private events: RunEvent[] = [];
  /** Written with the run's first commit, then dropped. */
  private startRecords: readonly StartRecord[] | undefined;
  private cacheEntries: StepCacheEntry[] = [];
  private readonly parsedConfigs = new Map<string, unknown>();
  /** Set while the run's output expression is being evaluated (between settling and completing). */
  finishing = false;
  /** Cancelled because its parent step stopped waiting for it: nothing waits for it to settle. */
  cancelledWithParent = false;

  constructor(stored: StoredRun, private readonly now: () => Date, validated?: Definition) {
    this.run = stored.run;
    this.definition = validated ?? definitionSchema.parse(stored.run.definition);
    this.graph = graphOf(this.definition);
    this.stepsById = this.graph.steps;
    // Rows of steps a redrive removed stay in the store as history; the run no longer considers them.
    for (const step of stored.steps) if (this.stepsById.has(step.stepId)) this.steps.set(step.stepId, step);
    this.seq = stored.lastSeq;
  }

  /** A run that is not in the database yet: every row is written by the next commit. */
  static fresh(stored: StoredRun, now: () => Date, validated?: Definition, startRecords?: readonly StartRecord[]): RunContext {
    const context = new RunContext(stored, now, validated);
    context.dirtyRun = true;
    context.startRecords = startRecords?.length ? startRecords : undefined;
    for (const row of stored.steps) context.dirtySteps.set(row.stepId, row);
    return context;
  }

  get id(): string {
    return this.run.id;
  }

  step(stepId: string): StepRunRow {
    const row = this.steps.get(stepId);
    if (!row) throw new Error(`run ${this.id} has no step "${stepId}"`);
    return row;
  }

  /** A step's config parsed by its type's `schema` (defaults applied), once per run. */
  config(stepId: string, schema: z.ZodType): unknown {
    let config = this.parsedConfigs.get(stepId);
    if (config === undefined) {
      config = schema.parse(this.stepsById.get(stepId)!.config);
      this.parsedConfigs.set(stepId, config);
    }
    return config;
  }

  facts = (stepId: string): StepFacts => {
    const row = this.step(stepId);
    return { status: row.status, branch: row.branch, optional: this.stepsById.get(stepId)?.optional };
  };

  /** A permanently failed step the run goes on without: it took its error branch or is optional. */
  failureHandled(stepId: string): boolean {
    const row = this.step(stepId);
    return row.status === "failed" && (row.branch === errorBranch || this.stepsById.get(stepId)?.optional === true);
  }

  *settleFacts(): Iterable<[string, SettleFacts]> {
    for (const [id, row] of this.steps) yield [id, { status: row.status, handled: this.failureHandled(id) }];
  }

  moveStep(stepId: string, to: StepStatus, patch: Partial<StepRunRow>, event: RunEventType, payload: Record<string, unknown> = {}): StepRunRow {
    const current = this.step(stepId);
    assertStepTransition(current.status, to, `${this.id}/${stepId}`);
    const at = this.now(); // one instant per transition: the row and its event agree
    const next: StepRunRow = { ...current, ...patch, status: to, updatedAt: at };
    this.steps.set(stepId, next);
    this.dirtySteps.set(stepId, next);
    this.append(event, stepId, payload, at);
    return next;
  }

  /** Changes a step row without a status change (e.g. handler state of a map step). */
  patchStep(stepId: string, patch: Partial<StepRunRow>): void {
    const next = { ...this.step(stepId), ...patch, updatedAt: this.now() };
    this.steps.set(stepId, next);
    this.dirtySteps.set(stepId, next);
  }

  moveRun(to: RunStatus, patch: Partial<RunRow>, event: RunEventType, payload: Record<string, unknown> = {}): void {
    assertRunTransition(this.run.status, to, this.id);
    const at = this.now();
    this.patchRun({ ...patch, status: to }, at);
    this.append(event, null, payload, at);
  }

  patchRun(patch: Partial<RunRow>, at = this.now()): void {
    this.run = { ...this.run, ...patch, updatedAt: at };
    this.dirtyRun = true;
  }

  private append(type: RunEventType, stepId: string | null, payload: Record<string, unknown>, at: Date): void {
    this.events.push({ runId: this.id, seq: ++this.seq, type, stepId, payload, at });
  }

  /** A step output to cache, written by the same commit as the step's completion. */
  cacheOutput(entry: StepCacheEntry): void {
    this.cacheEntries.push(entry);
  }

  /** The rows changed since the last call, coalesced per step; null when nothing changed. */
  takeMutation(): RunMutation | null {
    if (!this.hasUncommitted()) return null;
    const mutation: RunMutation = {
      run: this.dirtyRun ? this.run : undefined,
      steps: [...this.dirtySteps.values()],
      events: this.events,
      ...(this.startRecords ? { startRecords: this.startRecords } : {}),
      ...(this.cacheEntries.length > 0 && { cache: this.cacheEntries }),
    };
    this.startRecords = undefined;
    this.dirtyRun = false;
    this.dirtySteps.clear();
    this.events = [];
    this.cacheEntries = [];
    return mutation;
  }

  /** The run as stored; only equal to the database when `hasUncommitted()` is false. */
  snapshot(): StoredRun {
    return { run: this.run, steps: [...this.steps.values()], lastSeq: this.seq };
  }

  hasUncommitted(): boolean {
    return this.dirtyRun || this.dirtySteps.size > 0 || this.events.length > 0 || this.cacheEntries.length > 0;
  }

  /**
   * `$steps` for expressions and code: outputs of completed or resolved steps, and of failed steps
   * the run went on without (their output is the failure on an error branch, else null; `error` too).
   */
  stepOutputs(): Record<string, { output: unknown; error?: unknown }> {
    const outputs: Record<string, { output: unknown; error?: unknown }> = {};
    for (const [id, row] of this.steps) {
      if (row.status === "completed" || row.status === "resolved") outputs[id] = { output: row.output };
      else if (this.failureHandled(id)) outputs[id] = { output: row.output, error: row.error };
    }
    return outputs;
  }

  /** What expressions of this run see now; `steps` is built on first read: most noop and switch steps never look at it. */
  scope(attempt?: number): ExpressionScope {
    let steps: ExpressionScope["steps"] | undefined;
    const outputs = () => (steps ??= this.stepOutputs());
    return {
      input: this.run.input,
      get steps() {
        return outputs();
      },
      vars: this.run.vars,
      run: { id: this.id, attempt, startedAt: this.startedAtText() },
    };
  }

  // `$run.startedAt` as text, formatted once per start time rather than once per step.
  private startedAtFormatted: { at: Date | null; text: string | null } = { at: null, text: null };

  private startedAtText(): string | null {
    const at = this.run.startedAt ?? null;
    if (at !== this.startedAtFormatted.at) this.startedAtFormatted = { at, text: at?.toISOString() ?? null };
    return this.startedAtFormatted.text;
  }
}

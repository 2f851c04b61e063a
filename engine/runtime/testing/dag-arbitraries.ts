import fc from "fast-check";

/**
 * fast-check arbitraries for random workflow cases: a DAG shape (chain, fan-out/fan-in, tree,
 * random DAG, or two of those in series) whose nodes are plain steps with a scripted outcome,
 * `condition` steps or `switch` steps, and whose edges out of branching steps carry branch labels.
 *
 * A case is plain data; `toDefinition` and `toInput` turn it into an orka/v1 definition and a run
 * input, and `oracle.ts` predicts what the engine must make of it. Pure: no engine import.
 *
 * Outcomes are deterministic per (step, attempt): a `code` step's source only reads `attempt`.
 */

/** What a non-branching step does. */
export type PlainStep =
  /** `noop` with `config.output` = the number: completes at attempt 1. */
  | { type: "noop"; value: number; assign: boolean }
  /**
   * `code`: throws (`Error` → transient, `PermanentError` → permanent) while `attempt <= failures`,
   * then returns `value`. Retry policy: `maxAttempts`, fixed backoff of `delayMs`, no jitter.
   */
  | { type: "code"; failures: number; error: "transient" | "permanent"; maxAttempts: number; delayMs: number; value: number; assign: boolean }
  /** `fail`: a permanent failure on every attempt. */
  | { type: "fail" }
  /** `stop`: ends the run early as completed with output `stopOutput(id)`. */
  | { type: "stop" };

/** How a case's operator treats the step if it fails (second property): retry it or resolve it. */
export type OperatorChoice = "retry" | "resolve";

export type CaseStep =
  /** `optional`: a permanent failure lets the run go on (its dependents run, output null). */
  | { id: string; kind: "plain"; plain: PlainStep; operator: OperatorChoice; optional: boolean }
  /** Takes `String(value)`; the expression is the literal or `$input.flags.<id>`. */
  | { id: string; kind: "condition"; value: boolean; viaInput: boolean }
  /** Takes the first case whose `matches` is true, else `default`. */
  | { id: string; kind: "switch"; cases: { label: string; matches: boolean; viaInput: boolean }[] };

export interface CaseEdge {
  from: string;
  to: string;
  branch?: string;
}

export interface WorkflowCase {
  /** How the skeleton was built, for reading counterexamples. */
  shape: string;
  /** In a topological order: every edge goes from an earlier step to a later one. */
  steps: CaseStep[];
  edges: CaseEdge[];
  maxParallel: number;
}

export interface CaseOptions {
  /** Whether `stop` steps may appear (they make the final state timing-dependent). */
  stop: boolean;
  /**
   * Whether failures must be curable by retries: permanent `code` failures then fail a bounded
   * number of attempts (a manual retry eventually succeeds); `fail` steps are resolved instead.
   */
  curable: boolean;
}

/** A DAG over node indexes; every edge goes from a lower index to a higher one. */
export interface Skeleton {
  size: number;
  edges: [number, number][];
  shape: string;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

export const chainSkeleton = (max = 12): fc.Arbitrary<Skeleton> =>
  fc.integer({ min: 1, max }).map((n) => ({ size: n, edges: range(n - 1).map((i) => [i, i + 1] as [number, number]), shape: `chain(${n})` }));

/** root → `width` middles → join; width 2 is the diamond. */
export const fanSkeleton = (maxWidth = 8): fc.Arbitrary<Skeleton> =>
  fc.integer({ min: 1, max: maxWidth }).map((width) => ({
    size: width + 2,
    edges: range(width).flatMap((i) => [[0, i + 1] as [number, number], [i + 1, width + 1] as [number, number]]),
    shape: width === 2 ? "diamond" : `fan(${width})`,
  }));

/** Each node after the first hangs below a random earlier node. */
export const treeSkeleton = (max = 12): fc.Arbitrary<Skeleton> =>
  fc.integer({ min: 2, max }).chain((n) =>
    fc.tuple(...range(n - 1).map((i) => fc.nat({ max: i }))).map((parents) => ({
      size: n,
      edges: parents.map((parent, i) => [parent, i + 1] as [number, number]),
      shape: `tree(${n})`,
    })),
  );

/** Each node takes up to three parents among the earlier nodes (none: another start step). */
export const randomDagSkeleton = (max = 12): fc.Arbitrary<Skeleton> =>
  fc.integer({ min: 1, max }).chain((n) =>
    fc.tuple(fc.constant(null), ...range(n - 1).map((i) => fc.subarray(range(i + 1), { maxLength: Math.min(3, i + 1) }))).map(([, ...parents]) => ({
      size: n,
      edges: parents.flatMap((from, i) => from.map((parent) => [parent, i + 1] as [number, number])),
      shape: `dag(${n})`,
    })),
  );

/** `first` then `second`: every sink of the first feeds every source of the second. */
export function inSeries(first: Skeleton, second: Skeleton): Skeleton {
  const sinks = range(first.size).filter((i) => !first.edges.some(([from]) => from === i));
  const sources = range(second.size).filter((i) => !second.edges.some(([, to]) => to === i));
  return {
    size: first.size + second.size,
    edges: [
      ...first.edges,
      ...sinks.flatMap((sink) => sources.map((source) => [sink, first.size + source] as [number, number])),
      ...second.edges.map(([from, to]) => [first.size + from, first.size + to] as [number, number]),
    ],
    shape: `${first.shape}+${second.shape}`,
  };
}

export const skeleton = (): fc.Arbitrary<Skeleton> =>
  fc.oneof(
    chainSkeleton(),
    fanSkeleton(),
    treeSkeleton(),
    randomDagSkeleton(),
    fc
      .tuple(fc.oneof(chainSkeleton(5), fanSkeleton(3), treeSkeleton(5), randomDagSkeleton(5)), fc.oneof(chainSkeleton(5), fanSkeleton(3), treeSkeleton(5)))
      .map(([first, second]) => inSeries(first, second))
      .filter((joined) => joined.size <= 12),
  );

const value = () => fc.integer({ min: 0, max: 999 });
const retryBudget = () => fc.record({ maxAttempts: fc.integer({ min: 1, max: 4 }), delayMs: fc.integer({ min: 0, max: 5 }) });

export function plainStep(options: CaseOptions): fc.Arbitrary<PlainStep> {
  const succeeds = fc.record({ value: value(), assign: fc.boolean(), budget: retryBudget() }).map(
    ({ value, assign, budget }): PlainStep => ({ type: "code", failures: 0, error: "transient", ...budget, value, assign }),
  );
  // Transient failures: both sides of `failures < maxAttempts` are common.
  const flaky = fc.record({ failures: fc.integer({ min: 1, max: 5 }), value: value(), assign: fc.boolean(), budget: retryBudget() }).map(
    ({ failures, value, assign, budget }): PlainStep => ({ type: "code", failures, error: "transient", ...budget, value, assign }),
  );
  // Permanent failures are never retried by policy; `failures` only matters to manual retries.
  const permanent = fc
    .record({ failures: options.curable ? fc.integer({ min: 1, max: 3 }) : fc.constant(1_000), value: value(), budget: retryBudget() })
    .map(({ failures, value, budget }): PlainStep => ({ type: "code", failures, error: "permanent", ...budget, value, assign: false }));
  return fc.oneof(
    { arbitrary: fc.record({ value: value(), assign: fc.boolean() }).map(({ value, assign }): PlainStep => ({ type: "noop", value, assign })), weight: 30 },
    { arbitrary: succeeds, weight: 12 },
    { arbitrary: flaky, weight: 25 },
    { arbitrary: permanent, weight: 8 },
    { arbitrary: fc.constant<PlainStep>({ type: "fail" }), weight: 6 },
    ...(options.stop ? [{ arbitrary: fc.constant<PlainStep>({ type: "stop" }), weight: 3 }] : []),
  );
}

type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
type StepShape = WithoutId<CaseStep>;

export function stepKind(options: CaseOptions): fc.Arbitrary<StepShape> {
  return fc.oneof(
    {
      arbitrary: fc
        .record({ plain: plainStep(options), operator: fc.constantFrom<OperatorChoice>("retry", "resolve"), optional: fc.nat({ max: 4 }).map((n) => n === 0) })
        .map((s) => ({ kind: "plain" as const, ...s })),
      weight: 65,
    },
    { arbitrary: fc.record({ value: fc.boolean(), viaInput: fc.boolean() }).map((s) => ({ kind: "condition" as const, ...s })), weight: 20 },
    {
      arbitrary: fc
        .array(fc.record({ matches: fc.boolean(), viaInput: fc.boolean() }), { minLength: 1, maxLength: 3 })
        .map((cases) => ({ kind: "switch" as const, cases: cases.map((entry, i) => ({ label: `k${i}`, ...entry })) })),
      weight: 15,
    },
  );
}

/** The branches a step can take (`null`: it has none). */
export function branchesOf(step: CaseStep): string[] | null {
  if (step.kind === "condition") return ["true", "false"];
  if (step.kind === "switch") return [...step.cases.map((entry) => entry.label), "default"];
  return null;
}

/** Whether a step may have an error edge: any step but `fail` (the validator refuses one there). */
export function mayHaveErrorEdge(step: CaseStep): boolean {
  return !(step.kind === "plain" && step.plain.type === "fail");
}

/**
 * A random workflow case. Each edge out of a branching step gets a branch picked by a drawn number,
 * and sometimes a twin edge to the same target on the next branch (both branches join there).
 * About one edge in six becomes its source's `error` edge (at most one per source).
 */
export function workflowCase(options: CaseOptions = { stop: true, curable: false }): fc.Arbitrary<WorkflowCase> {
  return skeleton().chain((shape) =>
    fc
      .record({
        kinds: fc.tuple(...range(shape.size).map(() => stepKind(options))),
        picks: fc.tuple(fc.constant(0), ...shape.edges.map(() => fc.nat({ max: 7 }))),
        twins: fc.tuple(fc.constant(false), ...shape.edges.map(() => fc.nat({ max: 6 }).map((n) => n === 0))),
        errors: fc.tuple(fc.constant(false), ...shape.edges.map(() => fc.nat({ max: 5 }).map((n) => n === 0))),
        maxParallel: fc.constantFrom(1, 2, 3, 16),
      })
      .map(({ kinds, picks, twins, errors, maxParallel }) => {
        const steps = kinds.map((kind, i) => ({ id: `s${i}`, ...kind }) as CaseStep);
        const edges: CaseEdge[] = [];
        const withErrorEdge = new Set<number>();
        shape.edges.forEach(([from, to], i) => {
          if (errors[i + 1] && !withErrorEdge.has(from) && mayHaveErrorEdge(steps[from]!)) {
            withErrorEdge.add(from);
            return edges.push({ from: `s${from}`, to: `s${to}`, branch: "error" });
          }
          const branches = branchesOf(steps[from]!);
          if (!branches) return edges.push({ from: `s${from}`, to: `s${to}` });
          const pick = picks[i + 1]!;
          edges.push({ from: `s${from}`, to: `s${to}`, branch: branches[pick % branches.length]! });
          if (twins[i + 1]) edges.push({ from: `s${from}`, to: `s${to}`, branch: branches[(pick + 1) % branches.length]! });
        });
        return { shape: shape.shape, steps, edges, maxParallel };
      }),
  );
}

/** The message a plain step fails with (what its error edge receives). */
export function failureMessage(step: Extract<CaseStep, { kind: "plain" }>): string {
  if (step.plain.type === "fail") return `failed at ${step.id}`;
  return step.plain.type === "code" && step.plain.error === "permanent" ? "x" : "flaky";
}

/** The JavaScript body of a `code` step: deterministic per attempt. */
export function codeSource(plain: Extract<PlainStep, { type: "code" }>): string {
  const thrown = plain.error === "permanent" ? 'new PermanentError("x")' : 'new Error("flaky")';
  return plain.failures > 0 ? `if (attempt <= ${plain.failures}) throw ${thrown}; return ${plain.value};` : `return ${plain.value};`;
}

export const stopOutput = (stepId: string) => `stopped at ${stepId}`;
/** The output an operator resolves a failed step with. */
export const resolution = (stepId: string) => ({ resolved: stepId });

/** What the operator of the second property does to a failed step: a `fail` step can only be resolved. */
export function operatorActionFor(step: CaseStep): OperatorChoice {
  if (step.kind !== "plain") return "resolve";
  return step.plain.type === "code" ? step.operator : "resolve";
}

export function toDefinition(workflow: WorkflowCase): Record<string, unknown> {
  return {
    format: "orka/v1",
    name: "property_case",
    maxParallel: workflow.maxParallel,
    steps: workflow.steps.map((step) => {
      if (step.kind === "condition")
        return { id: step.id, type: "condition", config: { expression: step.viaInput ? `$input.flags.${step.id}` : String(step.value) } };
      if (step.kind === "switch")
        return {
          id: step.id,
          type: "switch",
          config: {
            cases: step.cases.map((entry) => ({
              label: entry.label,
              expression: entry.viaInput ? `$input.flags.${step.id}_${entry.label}` : String(entry.matches),
            })),
          },
        };
      const plain = step.plain;
      const optional = step.optional ? { optional: true } : {};
      switch (plain.type) {
        case "noop":
          return { id: step.id, type: "noop", config: { output: String(plain.value) }, ...optional, ...(plain.assign ? { assign: { [step.id]: "$output" } } : {}) };
        case "code":
          return {
            ...optional,
            id: step.id,
            type: "code",
            config: { source: codeSource(plain) },
            retry: { maxAttempts: plain.maxAttempts, backoff: "fixed", initialDelayMs: plain.delayMs, jitter: 0 },
            ...(plain.assign ? { assign: { [step.id]: "$output" } } : {}),
          };
        case "fail":
          return { id: step.id, type: "fail", config: { message: failureMessage(step) }, ...optional };
        case "stop":
          return { id: step.id, type: "stop", config: { output: JSON.stringify(stopOutput(step.id)) }, ...optional };
      }
    }),
    edges: workflow.edges.map((edge) => ({ ...edge })),
  };
}

/** The run input: the flags read by conditions and switch cases built with `viaInput`. */
export function toInput(workflow: WorkflowCase): { flags: Record<string, boolean> } {
  const flags: Record<string, boolean> = {};
  for (const step of workflow.steps) {
    if (step.kind === "condition" && step.viaInput) flags[step.id] = step.value;
    if (step.kind === "switch") for (const entry of step.cases) if (entry.viaInput) flags[`${step.id}_${entry.label}`] = entry.matches;
  }
  return { flags };
}

/** A one-line-per-step description of a case, for failure messages. */
export function describeCase(workflow: WorkflowCase): string {
  const lines = workflow.steps.map((step) => {
    const into = workflow.edges.filter((edge) => edge.to === step.id).map((edge) => `${edge.from}${edge.branch ? `[${edge.branch}]` : ""}`);
    const what =
      step.kind === "condition"
        ? `condition → ${step.value}`
        : step.kind === "switch"
          ? `switch ${step.cases.map((c) => `${c.label}=${c.matches}`).join(",")}`
          : step.plain.type === "code"
            ? `code fails ${step.plain.failures}× ${step.plain.error}, maxAttempts ${step.plain.maxAttempts}`
            : step.plain.type;
    const optional = step.kind === "plain" && step.optional ? " (optional)" : "";
    return `  ${step.id}: ${what}${optional}${into.length ? `  ← ${into.join(", ")}` : "  (start)"}`;
  });
  return [`${workflow.shape}, maxParallel ${workflow.maxParallel}`, ...lines].join("\n");
}

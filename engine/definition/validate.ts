import jsonata from "jsonata";
import { builtInSpecs, type StepSpecs } from "../steps/registry";
import { describeCodeSyntaxError, findCodeSyntaxError } from "./code-syntax";
import { collectMarkedValues, parseTemplate } from "./fields";
import { findCycle } from "./graph";
import { compileInputSchema } from "./input-schema";
import { formatPath, type ValidationIssue } from "./issues";
import { limits } from "./limits";
import { checkSecretUse, secretNamesInConfig } from "./secret-refs";
import { definitionSchema, errorBranch, type Definition } from "./schema";
import { refersToWorkflow, type WorkflowIdentity } from "./workflow-reference";

export type ValidationResult = { ok: true; definition: Definition; issues: [] } | { ok: false; issues: ValidationIssue[] };

export interface ValidationOptions {
  /** The step types a definition may use; default: the built-in ones. An engine passes its own. */
  steps?: StepSpecs;
  /**
   * The saved workflow this definition belongs to, when known: a `subworkflow` or `map` step that
   * calls it (directly, or from an inline definition) is refused, since every run would start
   * another until a limit stopped it.
   */
  workflow?: WorkflowIdentity;
  /** Levels of inline sub-workflow definitions allowed (default `limits.nestingDepth`, 10). */
  maxNestingDepth?: number;
}

/**
 * The one validator used by the CLI, the server and the canvas. Returns every problem with a path
 * (`steps[1].config.expression`), never throws; `definition` has defaults applied.
 */
export function validateDefinition(raw: unknown, options: ValidationOptions = {}): ValidationResult {
  return validateAt(raw, { steps: options.steps ?? builtInSpecs, workflow: options.workflow, maxNestingDepth: options.maxNestingDepth ?? limits.nestingDepth }, 0);
}

type Checks = Required<Omit<ValidationOptions, "workflow">> & Pick<ValidationOptions, "workflow">;

/** `depth`: levels of inline definitions above this one. */
function validateAt(raw: unknown, checks: Checks, depth: number): ValidationResult {
  const { steps } = checks;
  const size = jsonSize(raw);
  if (size > limits.definitionBytes)
    return fail([{ path: "", message: `definition is ${formatBytes(size)}; the limit is ${formatBytes(limits.definitionBytes)}` }]);
  const parsed = definitionSchema.safeParse(raw);
  if (!parsed.success) {
    return fail(parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
  }
  const definition = parsed.data;
  const issues = [
    ...checkSteps(definition, checks, depth),
    ...checkEdges(definition, steps),
    ...checkExpression(definition.output, "output"),
    ...checkSecretUse("expression", definition.output, "output", false),
    ...checkInputSchema(definition.input),
  ];
  return issues.length ? fail(issues) : { ok: true, definition, issues: [] };
}

function fail(issues: ValidationIssue[]): ValidationResult {
  return { ok: false, issues };
}

function checkSteps(definition: Definition, checks: Checks, depth: number): ValidationIssue[] {
  const { steps, workflow, maxNestingDepth } = checks;
  const issues: ValidationIssue[] = [];
  const firstIndex = new Map<string, number>();
  definition.steps.forEach((step, index) => {
    const at = `steps[${index}]`;
    const earlier = firstIndex.get(step.id);
    if (earlier !== undefined) issues.push({ path: `${at}.id`, message: `duplicate step id "${step.id}" (also steps[${earlier}])` });
    else firstIndex.set(step.id, index);
    const spec = steps.get(step.type);
    if (!spec) {
      issues.push({ path: `${at}.type`, message: `unknown step type "${step.type}" (known: ${steps.types.join(", ")})` });
      return;
    }
    const config = spec.configSchema.safeParse(step.config);
    if (!config.success) {
      for (const issue of config.error.issues) issues.push({ path: `${at}.config${suffix(issue.path)}`, message: issue.message });
      return;
    }
    step.config = config.data as Record<string, unknown>;
    for (const marked of collectMarkedValues(spec.configSchema, config.data)) {
      const path = `${at}.config${suffix(marked.path)}`;
      if (marked.kind === "expression") issues.push(...checkExpression(marked.source, path));
      if (marked.kind === "template") issues.push(...checkTemplate(marked.source, path));
      if (marked.kind === "code") issues.push(...checkCode(marked.source, path));
      issues.push(...checkSecretUse(marked.kind, marked.source, path, spec.readsSecrets === true));
    }
    for (const nested of spec.nestedDefinitions?.(config.data) ?? []) {
      const nestedAt = `${at}.config${suffix(nested.path)}`;
      if (depth + 1 > maxNestingDepth) {
        issues.push({ path: nestedAt, message: `sub-workflow nesting is deeper than ${maxNestingDepth} levels: inline definitions may nest ${maxNestingDepth} deep` });
        continue;
      }
      const result = validateAt(nested.definition, checks, depth + 1);
      if (!result.ok) issues.push(...result.issues.map((issue) => ({ ...issue, path: issue.path ? `${nestedAt}.${issue.path}` : nestedAt })));
    }
    for (const called of workflow ? (spec.workflowReferences?.(config.data) ?? []) : []) {
      if (refersToWorkflow(called.reference, workflow!))
        issues.push({ path: `${at}.config${suffix(called.path)}`, message: `calls its own workflow "${called.reference}": every run would start another, without end` });
    }
    if (step.cache) issues.push(...checkCache(step, spec, config.data, at));
    for (const [name, source] of Object.entries(step.assign ?? {}))
      issues.push(...checkExpression(source, `${at}.assign.${name}`), ...checkSecretUse("expression", source, `${at}.assign.${name}`, false));
    if (step.breaker?.enabled && step.breaker.key === undefined && !spec.breakerByDefault)
      issues.push({ path: `${at}.breaker.key`, message: `a ${step.type} step names no target of its own: give the breaker a key` });
  });
  return issues;
}

function checkEdges(definition: Definition, steps: StepSpecs): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byId = new Map(definition.steps.map((step) => [step.id, step]));
  const seen = new Map<string, number>();
  const errorEdgeOf = new Map<string, number>();
  definition.edges.forEach((edge, index) => {
    const at = `edges[${index}]`;
    const source = byId.get(edge.from);
    if (!source) issues.push({ path: `${at}.from`, message: `unknown step "${edge.from}"` });
    if (!byId.has(edge.to)) issues.push({ path: `${at}.to`, message: `unknown step "${edge.to}"` });
    if (edge.from === edge.to) issues.push({ path: at, message: `step "${edge.from}" cannot connect to itself` });
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.branch ?? ""}`;
    if (seen.has(key)) issues.push({ path: at, message: `duplicate edge (same as edges[${seen.get(key)}])` });
    seen.set(key, index);
    if (source && edge.branch === errorBranch) issues.push(...checkErrorEdge(source, errorEdgeOf, index, at));
    else if (source) issues.push(...checkBranch(edge.branch, source, steps, `${at}.branch`));
  });
  if (issues.length === 0) {
    const cycle = findCycle(definition.steps.map((step) => step.id), definition.edges);
    if (cycle) {
      const closing = definition.edges.findIndex((edge) => edge.from === cycle.at(-2) && edge.to === cycle.at(-1));
      issues.push({ path: `edges[${closing}]`, message: `cycle: ${cycle.join(" → ")}` });
    }
  }
  return issues;
}

/** Step types whose handler completes them with an output worth reusing; the others decide, wait or end. */
const uncacheableTypes = new Set(["fail", "stop", "delay", "approval", "subworkflow", "map"]);

function checkCache(step: Definition["steps"][number], spec: NonNullable<ReturnType<StepSpecs["get"]>>, config: unknown, at: string): ValidationIssue[] {
  const issues = [...checkExpression(step.cache!.key, `${at}.cache.key`), ...checkSecretUse("expression", step.cache!.key, `${at}.cache.key`, false)];
  if (uncacheableTypes.has(step.type) || spec.branches(config as never) !== null)
    issues.push({ path: `${at}.cache`, message: `a ${step.type} step cannot be cached: only steps that compute an output (code, http, noop) can` });
  else if (step.cache!.key === undefined && secretNamesInConfig(spec.configSchema, config).length > 0)
    issues.push({
      path: `${at}.cache.key`,
      message: "this step reads secrets, so its output may depend on them: give cache.key (an expression over what the output depends on) to cache it, or remove cache",
    });
  return issues;
}

/** One `error` edge per step (its failure handler), and none from a `fail` step, whose failure is its purpose. */
function checkErrorEdge(source: Definition["steps"][number], errorEdgeOf: Map<string, number>, index: number, at: string): ValidationIssue[] {
  const earlier = errorEdgeOf.get(source.id);
  if (earlier !== undefined)
    return [{ path: `${at}.branch`, message: `"${source.id}" already has an error edge (edges[${earlier}]); a step has one failure handler` }];
  errorEdgeOf.set(source.id, index);
  if (source.type === "fail")
    return [{ path: `${at}.branch`, message: `"${source.id}" is a fail step: it always fails, so an error edge would only be a plain edge; connect its predecessor instead` }];
  return [];
}

function checkBranch(branch: string | undefined, source: Definition["steps"][number], steps: StepSpecs, path: string): ValidationIssue[] {
  const spec = steps.get(source.type);
  if (!spec) return [];
  const parsed = spec.configSchema.safeParse(source.config);
  if (!parsed.success) return [];
  const branches = spec.branches(parsed.data);
  if (branches === null) {
    return branch === undefined ? [] : [{ path, message: `"${source.id}" is a ${source.type} step and has no branches; remove "${branch}"` }];
  }
  if (branch === undefined) return [{ path, message: `"${source.id}" is a ${source.type} step: the edge needs a branch (${branches.join(", ")})` }];
  if (!branches.includes(branch)) return [{ path, message: `"${source.id}" has no branch "${branch}" (it has ${branches.join(", ")})` }];
  return [];
}

export function checkExpression(source: string | undefined, path: string): ValidationIssue[] {
  if (source === undefined) return [];
  const problem = remembered(expressionProblems, source, () => {
    try {
      jsonata(source);
      return null;
    } catch (error) {
      const { message, position } = error as { message?: string; position?: number };
      return `invalid expression${position !== undefined ? ` at ${position}` : ""}: ${message ?? String(error)}`;
    }
  });
  return problem === null ? [] : [{ path, message: problem }];
}

function checkCode(source: string, path: string): ValidationIssue[] {
  const problem = remembered(codeProblems, source, () => {
    const error = findCodeSyntaxError(source);
    return error ? describeCodeSyntaxError(error) : null;
  });
  return problem === null ? [] : [{ path, message: problem }];
}

/**
 * Whether a source parses depends on its text alone, and parsing is most of validating a large
 * workflow (JSONata builds a whole evaluator per expression): the designer validates every step
 * after each edit and the server on every load, so recent answers are kept, the least recently
 * used dropped past `rememberedSources` per kind.
 */
const expressionProblems = new Map<string, string | null>();
const codeProblems = new Map<string, string | null>();
const rememberedSources = 5000;

function remembered(answers: Map<string, string | null>, source: string, check: () => string | null): string | null {
  const known = answers.get(source);
  if (known !== undefined) {
    answers.delete(source);
    answers.set(source, known);
    return known;
  }
  const answer = check();
  if (answers.size >= rememberedSources) answers.delete(answers.keys().next().value!);
  answers.set(source, answer);
  return answer;
}

function checkTemplate(source: string, path: string): ValidationIssue[] {
  return parseTemplate(source).flatMap((part) =>
    "expression" in part ? (part.expression ? checkExpression(part.expression, path) : [{ path, message: "empty {{ }} in template" }]) : [],
  );
}

function checkInputSchema(schema: Record<string, unknown> | undefined): ValidationIssue[] {
  if (!schema) return [];
  try {
    compileInputSchema(schema);
    return [];
  } catch (error) {
    return [{ path: "input", message: `invalid JSON Schema: ${(error as Error).message}` }];
  }
}

function suffix(path: readonly PropertyKey[]): string {
  const formatted = formatPath(path);
  return !formatted ? "" : formatted.startsWith("[") ? formatted : `.${formatted}`;
}

function jsonSize(value: unknown): number {
  if (typeof value === "string") return new TextEncoder().encode(value).length;
  try {
    return new TextEncoder().encode(JSON.stringify(value) ?? "").length;
  } catch {
    return 0;
  }
}

export function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.ceil(bytes / 1000)} KB`;
}

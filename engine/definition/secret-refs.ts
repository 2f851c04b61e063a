import jsonata from "jsonata";
import type { z } from "zod";
import { builtInSpecs, type StepSpecs } from "../steps/registry";
import { collectMarkedValues, parseTemplate, type FieldKind } from "./fields";
import type { ValidationIssue } from "./issues";

/** A team secret's name, as written after `$secrets.`: `STRIPE_KEY`. */
export const secretNamePattern = /^[A-Z][A-Z0-9_]{0,63}$/;
export const secretNameRule = "upper-case letters, digits and _, starting with a letter, at most 64 characters (like STRIPE_KEY)";

export interface SecretReferences {
  /** Names used as `$secrets.NAME`, each once, in order of appearance. */
  names: string[];
  /** Why a use of `$secrets` cannot be resolved by name (`$keys($secrets)`, a bad name). */
  problems: string[];
}

const mentionsSecrets = /\$secrets\b/;

/**
 * The secrets an expression or template reads. Only the form `$secrets.NAME` is resolvable: the
 * engine looks up exactly the names written there, never "all secrets of the team", so any other
 * use of `$secrets` (passed whole to a function, rebound, filtered) is a problem. Text that does
 * not parse has no references (the validator reports the syntax error separately).
 *
 * @example
 * secretReferences("template", "Bearer {{ $secrets.TOKEN }}") // { names: ["TOKEN"], problems: [] }
 */
export function secretReferences(kind: FieldKind, source: string): SecretReferences {
  const found: SecretReferences = { names: [], problems: [] };
  if (kind === "code" || !mentionsSecrets.test(source)) return found;
  const expressions = kind === "template" ? parseTemplate(source).flatMap((part) => ("expression" in part ? [part.expression] : [])) : [source];
  for (const expression of expressions) {
    if (!mentionsSecrets.test(expression)) continue;
    let ast: unknown;
    try {
      ast = jsonata(expression).ast();
    } catch {
      continue;
    }
    walk(ast, found, new Set());
  }
  return found;
}

/** Every secret name a step config (parsed by `schema`) reads in its expression and template fields. */
export function secretNamesInConfig(schema: z.ZodType, config: unknown): string[] {
  const names = new Set<string>();
  for (const marked of collectMarkedValues(schema, config)) for (const name of secretReferences(marked.kind, marked.source).names) names.add(name);
  return [...names];
}

/**
 * Every team secret a definition's http steps (the types that `readsSecrets`) read, child
 * definitions of `map` and `subworkflow` steps included, sorted: what a workflow made from it needs
 * before it can run. Steps whose config does not parse read nothing (the validator reports them).
 */
export function secretNamesInDefinition(definition: unknown, specs: StepSpecs = builtInSpecs): string[] {
  const names = new Set<string>();
  const visit = (current: unknown): void => {
    const steps = (current as { steps?: unknown } | null)?.steps;
    if (!Array.isArray(steps)) return;
    for (const step of steps as { type?: unknown; config?: unknown }[]) {
      const spec = typeof step?.type === "string" ? specs.get(step.type) : undefined;
      const config = spec?.configSchema.safeParse(step.config ?? {});
      if (!spec || !config?.success) continue;
      if (spec.readsSecrets) for (const name of secretNamesInConfig(spec.configSchema, config.data)) names.add(name);
      for (const nested of spec.nestedDefinitions?.(config.data) ?? []) visit(nested.definition);
    }
  };
  visit(definition);
  return [...names].sort();
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  predicate?: unknown;
  stages?: unknown;
  group?: unknown;
}

function isSecretsVariable(node: unknown): node is AstNode {
  return typeof node === "object" && node !== null && (node as AstNode).type === "variable" && (node as AstNode).value === "secrets";
}

function walk(node: unknown, found: SecretReferences, seen: Set<unknown>): void {
  if (typeof node !== "object" || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) return node.forEach((item) => walk(item, found, seen));
  const ast = node as AstNode;
  if (ast.type === "path" && Array.isArray(ast.steps) && isSecretsVariable(ast.steps[0])) {
    const [head, next] = ast.steps;
    seen.add(head);
    if (next?.type === "name" && !head.predicate && !head.stages && !head.group) addName(String(next.value), found);
    else found.problems.push("write $secrets.NAME: a secret is read by its name, never as the whole $secrets object");
  } else if (isSecretsVariable(ast)) {
    found.problems.push("write $secrets.NAME: a secret is read by its name, never as the whole $secrets object");
  }
  for (const value of Object.values(ast)) walk(value, found, seen);
}

function addName(name: string, found: SecretReferences): void {
  if (!secretNamePattern.test(name)) found.problems.push(`"${name}" is not a secret name: ${secretNameRule}`);
  else if (!found.names.includes(name)) found.names.push(name);
}

const onlyInHttp = "$secrets can only be used in an http step's url, headers and body: no other step, assign or output ever sees a secret";

/** Validation issues for a field's use of `$secrets`: anywhere but an http step's config is refused. */
export function checkSecretUse(kind: FieldKind, source: string | undefined, path: string, allowed: boolean): ValidationIssue[] {
  if (source === undefined) return [];
  const { names, problems } = secretReferences(kind, source);
  if (!allowed) return names.length > 0 || problems.length > 0 ? [{ path, message: onlyInHttp }] : [];
  return problems.map((message) => ({ path, message }));
}

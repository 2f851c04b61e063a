import type { AstNode } from "./ast";
import { boundedBuiltin, type Kind } from "./builtins";
import { allData, constant, either, nothing, overItems, scalar, scale, sum, theContext, within, type Bound } from "./size-bound";

/**
 * Where an expression is evaluated: in process when it is in the proven-bounded subset, otherwise
 * in the isolated evaluator, with the first reason found (for the README's table and for tests).
 */
export type Placement = { inProcess: true } | { inProcess: false; reason: string };

/** The variables that hold run data; every other `$name` is a function or unbound. */
export const dataVariables: ReadonlySet<string> = new Set(["input", "steps", "vars", "run", "output", "secrets", "item", "index"]);

/** In-process values may grow to this many times the size of the data an expression reads… */
export const maxDataFactor = 64;
/** …plus this many characters built from the expression's own literals. */
export const maxLiteralChars = 1_000_000;

const copiesPerItem = "it builds a value from data outside the item for every item (quadratic)";
const rejected: Record<string, string> = {
  regex: "a regular expression can backtrack for exponential time on a short input",
  bind: "`:=` can rebind a value to its own double, again and again",
  lambda: "a function definition can recurse",
  partial: "a partial application defines a function",
  transform: "a transform clones the value it changes",
  descendant: "`**` lists every nested value once per level above it (its size grows with depth)",
  sort: "jsonata's sort copies the rest of the list at every step (quadratic time and memory)",
};

interface Analysis {
  bound: Bound;
  kind: Kind;
  /** May differ between two contexts (refers to `$`, a field of it, or `%`). */
  varies: boolean;
}

/** `context` and `ancestors` are absolute bounds (`ctx` 0); `single`: the context is one value, not a sequence of items. */
interface Scope {
  context: Bound;
  single: boolean;
  ancestors: Bound;
}

class Unbounded extends Error {}

/**
 * Decides whether an expression's work and memory are bounded by the data it reads, so it may run
 * in the server process. A static check of the parsed expression: every node kind and built-in
 * outside the subset, and every value that could outgrow `maxDataFactor` × the data, send it to
 * the isolated evaluator. See README.md for the subset and why.
 *
 * @example
 * decidePlacement(astOf(jsonata("$input.total > 100")))    // { inProcess: true }
 * decidePlacement(astOf(jsonata("$split($input.s, '')"))) // { inProcess: false, reason: "$split is not …" }
 */
export function decidePlacement(ast: AstNode): Placement {
  try {
    analyze(ast, { context: allData, single: true, ancestors: allData });
    return { inProcess: true };
  } catch (error) {
    // Anything unexpected (a node shape this check does not know, a very deep expression) is not proven.
    return { inProcess: false, reason: error instanceof Unbounded ? error.message : `it could not be analysed (${String(error)})` };
  }
}

function analyze(node: AstNode, scope: Scope): Analysis {
  let result = analyzeNode(node, scope);
  for (const filter of node.predicate ?? []) result = filtered(result, filter.expr, scope);
  if (node.group && node.type !== "path") result = grouped(node.group.lhs, result, false, scope);
  return checked(result, scope);
}

function checked(result: Analysis, scope: Scope): Analysis {
  const absolute = within(result.bound, scope.context);
  if (absolute.data > maxDataFactor || absolute.lit > maxLiteralChars)
    throw new Unbounded(`its values may grow past ${maxDataFactor} times the data it reads`);
  return result;
}

function analyzeNode(node: AstNode, scope: Scope): Analysis {
  switch (node.type) {
    case "path":
      return path(node, scope);
    case "string":
      return { bound: constant(JSON.stringify(node.value).length), kind: "string", varies: false };
    case "number":
    case "value":
      return { bound: scalar, kind: "scalar", varies: false };
    case "variable":
      return variable(String(node.value));
    case "name":
    case "wildcard":
      return { bound: theContext, kind: "any", varies: true };
    case "parent":
      return { bound: scope.ancestors, kind: "any", varies: true };
    case "binary":
      return binary(node, scope);
    case "unary":
      return unary(node, scope);
    case "condition":
      return condition(node, scope);
    case "block":
      return block(node, scope);
    case "function":
      return call(node, scope);
    case "apply":
      return apply(node, scope);
    default:
      throw new Unbounded(rejected[node.type] ?? `"${node.type}" expressions are not in the bounded subset`);
  }
}

function variable(name: string): Analysis {
  if (name === "") return { bound: theContext, kind: "any", varies: true }; // `$`
  if (name === "$" || dataVariables.has(name)) return { bound: allData, kind: "any", varies: false }; // `$$` is the input
  throw new Unbounded(`$${name} is not run data (a function used as a value, or unbound)`);
}

/** A path's first step runs once (on a variable, an array constructor, or a single context), the others once per item. */
function path(node: AstNode, scope: Scope): Analysis {
  const [first, ...rest] = node.steps ?? [];
  if (!first) throw new Unbounded("an empty path");
  let result: Analysis;
  if (first.type === "variable" || first.consarray || scope.single) result = step(first, scope);
  else result = perItem(step(first, itemScope(theContext, scope)), theContext, scope);
  for (const next of rest) result = perItem(step(next, itemScope(result.bound, scope)), result.bound, scope, result.varies);
  if (node.group) result = grouped(node.group.lhs, result, false, scope);
  return result;
}

function perItem(item: Analysis, sequence: Bound, scope: Scope, varies = true): Analysis {
  const total = overItems(item.bound, sequence);
  if (!total) throw new Unbounded(copiesPerItem);
  return checked({ bound: total, kind: "any", varies: varies || item.varies }, scope);
}

function step(node: AstNode, scope: Scope): Analysis {
  if (node.focus !== undefined || node.index !== undefined) throw new Unbounded("`@` and `#` bind variables that join every item with every other");
  let result = analyze(node, scope);
  for (const stage of node.stages ?? []) {
    if (stage.type !== "filter" || !stage.expr) throw new Unbounded("`#` binds a variable");
    result = filtered(result, stage.expr, scope);
  }
  return result;
}

/** The items of a value bounded by `sequence` (relative to `scope`), each the context of an inner expression. */
function itemScope(sequence: Bound, scope: Scope): Scope {
  const context = within(sequence, scope.context);
  return { context, single: false, ancestors: either(scope.ancestors, context) };
}

/** `[predicate]` keeps some items; the predicate runs on each, its value used once and dropped. */
function filtered(result: Analysis, predicate: AstNode, scope: Scope): Analysis {
  if (predicate.type !== "number") analyze(predicate, itemScope(result.bound, scope));
  return result;
}

/**
 * `{ key: value }` over the items of `input`: a key is evaluated on each item; a value once per
 * distinct key, on that key's items. Keys that differ between items make as many groups as items.
 */
function grouped(pairs: [AstNode, AstNode][], input: Analysis, single: boolean, scope: Scope): Analysis {
  const items = itemScope(input.bound, scope);
  let total = constant(2);
  let varies = input.varies;
  for (const [keyNode, valueNode] of pairs) {
    const key = analyze(keyNode, items);
    const value = analyze(valueNode, items);
    const pair = sum(key.bound, value.bound, constant(2));
    const all = key.varies && !single ? overItems(pair, input.bound) : within(pair, input.bound);
    if (!all) throw new Unbounded(copiesPerItem);
    total = sum(total, all);
    varies ||= key.varies || value.varies;
  }
  return { bound: total, kind: "any", varies };
}

const scalarOperators = new Set(["+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "in", "and", "or"]);

function binary(node: AstNode, scope: Scope): Analysis {
  const operator = String(node.value);
  if (operator === "..") throw new Unbounded("a range's length comes from numbers, not from the data");
  const left = analyze(node.lhs as AstNode, scope);
  const right = analyze(node.rhs!, scope);
  const varies = left.varies || right.varies;
  if (scalarOperators.has(operator)) return { bound: scalar, kind: "scalar", varies };
  if (operator !== "&") throw new Unbounded(`the operator ${operator} is not in the bounded subset`);
  // `&` writes non-strings as JSON text, whose quotes and backslashes a later `&` escapes again.
  const asText = (side: Analysis) => (side.kind === "any" ? sum(scale(side.bound, 2), constant(2)) : side.bound);
  return { bound: sum(asText(left), asText(right), constant(2)), kind: "string", varies };
}

function unary(node: AstNode, scope: Scope): Analysis {
  if (node.value === "-") return { bound: scalar, kind: "scalar", varies: analyze(node.expression!, scope).varies };
  if (node.value === "{") return grouped((node.lhs ?? []) as [AstNode, AstNode][], { bound: theContext, kind: "any", varies: false }, scope.single, scope);
  if (node.value !== "[") throw new Unbounded(`the operator ${String(node.value)} is not in the bounded subset`);
  const items = (node.expressions ?? []).map((item) => analyze(item, scope));
  const bound = sum(...items.map((item) => item.bound), constant(items.length + 1));
  return { bound, kind: "any", varies: items.some((item) => item.varies) };
}

function condition(node: AstNode, scope: Scope): Analysis {
  const test = analyze(node.condition!, scope);
  const then = analyze(node.then!, scope);
  const otherwise = node.else ? analyze(node.else, scope) : { bound: nothing, kind: then.kind, varies: false };
  const kind = then.kind === otherwise.kind ? then.kind : "any";
  return { bound: either(then.bound, otherwise.bound), kind, varies: test.varies || then.varies || otherwise.varies };
}

function block(node: AstNode, scope: Scope): Analysis {
  const results = (node.expressions ?? []).map((expression) => analyze(expression, scope));
  const last = results.at(-1) ?? { bound: nothing, kind: "any", varies: false };
  return { ...last, varies: results.some((result) => result.varies) };
}

/** `lhs ~> $f(args)` is `$f(lhs, args)`; `lhs ~> $f` is `$f(lhs)`. Anything else composes functions. */
function apply(node: AstNode, scope: Scope): Analysis {
  const target = node.rhs!;
  if (target.predicate || target.group) throw new Unbounded("`~>` into a filtered or grouped call");
  const applied = analyze(node.lhs as AstNode, scope);
  if (target.type === "function") return call(target, scope, applied);
  if (target.type === "variable") return call({ type: "function", procedure: target, arguments: [] }, scope, applied);
  throw new Unbounded("`~>` into something other than a bounded built-in");
}

function call(node: AstNode, scope: Scope, applied?: Analysis): Analysis {
  const procedure = node.procedure!;
  if (procedure.type !== "variable" || procedure.predicate || procedure.group) throw new Unbounded("it calls a function computed by an expression");
  const name = String(procedure.value);
  const builtin = boundedBuiltin(name);
  if (!builtin) throw new Unbounded(`$${name} is not one of the bounded built-in functions`);
  const argNodes = node.arguments ?? [];
  const args = [...(applied ? [applied] : []), ...argNodes.map((argument) => analyze(argument, scope))];
  if (args.length > builtin.maxArgs) throw new Unbounded(`$${name} with more than ${builtin.maxArgs} argument(s)`);
  const usesContext = builtin.takesContext && args.length < builtin.params;
  const argsBound = sum(...args.map((argument) => argument.bound), usesContext ? theContext : nothing);
  const result = builtin.result(argsBound, applied ? [undefined, ...argNodes] : argNodes);
  if (typeof result === "string") throw new Unbounded(result);
  return { bound: result, kind: builtin.kind, varies: usesContext || args.some((argument) => argument.varies) };
}

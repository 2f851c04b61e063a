import type { AstNode } from "./ast";
import { constant, scalar, scale, sum, type Bound } from "./size-bound";

/** What a value is known to be: JSON text of `string` and `scalar` values needs no re-escaping. */
export type Kind = "scalar" | "string" | "any";

/**
 * A jsonata built-in whose work and result are linear in its arguments (read in jsonata 2.2's
 * functions.js). `result` bounds the result from `args`, the sum of the bounds of every argument
 * (and of the context when jsonata may pass it), or says why this call is not bounded.
 */
export interface BoundedBuiltin {
  /** More arguments than this go to the isolated evaluator (`$string`'s prettify, `$now`'s picture). */
  maxArgs: number;
  /** Parameters of jsonata's signature; `takesContext`: with fewer arguments, `$` may fill the first. */
  params: number;
  takesContext: boolean;
  kind: Kind;
  result(args: Bound, argNodes: readonly (AstNode | undefined)[]): Bound | string;
}

const same = (args: Bound) => args;
const toScalar = () => scalar;

function builtin(params: number, takesContext: boolean, kind: Kind, result: BoundedBuiltin["result"], maxArgs = params): BoundedBuiltin {
  return { maxArgs, params, takesContext, kind, result };
}

/** `$join`'s separator is added once per item: only a literal keeps that linear in the items. */
function joined(args: Bound, argNodes: readonly (AstNode | undefined)[]): Bound | string {
  const separator = argNodes[1];
  if (separator === undefined) return args;
  if (separator.type !== "string") return "$join with a separator that is not a literal string";
  const separatorSize = JSON.stringify(separator.value).length;
  return sum(scale(args, 1 + separatorSize / 2), constant(separatorSize));
}

const boundedBuiltins: Readonly<Record<string, BoundedBuiltin>> = {
  // JSON.stringify; re-serialising JSON text at most doubles it (quotes and backslashes). The
  // prettify argument indents every line by its depth: not linear, so one argument only.
  string: builtin(2, true, "string", (args) => sum(scale(args, 2), constant(2)), 1),
  number: builtin(1, true, "scalar", toScalar),
  boolean: builtin(1, true, "scalar", toScalar),
  not: builtin(1, true, "scalar", toScalar),
  exists: builtin(1, false, "scalar", toScalar),
  count: builtin(1, false, "scalar", toScalar),
  length: builtin(1, true, "scalar", toScalar),
  sum: builtin(1, false, "scalar", toScalar),
  max: builtin(1, false, "scalar", toScalar),
  min: builtin(1, false, "scalar", toScalar),
  average: builtin(1, false, "scalar", toScalar),
  // toUpperCase/toLowerCase: Unicode special casing turns one character into at most three.
  uppercase: builtin(1, true, "string", (args) => scale(args, 3)),
  lowercase: builtin(1, true, "string", (args) => scale(args, 3)),
  trim: builtin(1, true, "string", same),
  substring: builtin(3, true, "string", same),
  // indexOf and substr: a cut may split a surrogate pair, whose lone half JSON writes as \uXXXX.
  substringBefore: builtin(2, true, "string", (args) => sum(args, constant(6))),
  substringAfter: builtin(2, true, "string", (args) => sum(args, constant(6))),
  // indexOf for a string pattern; a regex pattern can only come from a regex literal, never admitted.
  contains: builtin(2, true, "scalar", toScalar),
  keys: builtin(1, true, "any", same),
  lookup: builtin(2, true, "any", same),
  join: builtin(2, false, "string", joined),
  // Their picture arguments can pad to any width: no arguments only.
  now: builtin(2, false, "string", () => constant(32), 0),
  millis: builtin(0, false, "scalar", toScalar),
  round: builtin(2, true, "scalar", toScalar),
  floor: builtin(1, true, "scalar", toScalar),
  ceil: builtin(1, true, "scalar", toScalar),
  abs: builtin(1, true, "scalar", toScalar),
  sqrt: builtin(1, true, "scalar", toScalar),
  power: builtin(2, true, "scalar", toScalar),
  type: builtin(1, false, "string", () => constant(12)),
  reverse: builtin(1, false, "any", same),
  merge: builtin(1, false, "any", same),
  // Concatenates two arrays (capped by the sequence limit); the doubling attacks need `:=` to repeat it.
  append: builtin(2, false, "any", (args) => sum(args, constant(2))),
  error: builtin(1, false, "scalar", toScalar),
  assert: builtin(2, false, "scalar", toScalar),
};

/** The bounded built-in called `$name`, if it is one (own keys only: `$toString` is not). */
export function boundedBuiltin(name: string): BoundedBuiltin | undefined {
  return Object.hasOwn(boundedBuiltins, name) ? boundedBuiltins[name] : undefined;
}

export const boundedBuiltinNames: readonly string[] = Object.keys(boundedBuiltins);

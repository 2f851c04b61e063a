/**
 * An upper bound on the JSON size (characters of `JSON.stringify`) of the value an expression node
 * yields: `ctx·c + data·D + lit`, where `c` is the size of the value the node is evaluated on (its
 * context, `$`) and `D` the size of all the data an expression can read ($input, $steps, $vars…).
 * Memory and the work of every bounded built-in are linear in the sizes of their values, so a
 * bound that stays linear in `D` is what keeps in-process evaluation bounded.
 */
export interface Bound {
  readonly ctx: number;
  readonly data: number;
  readonly lit: number;
}

export const nothing: Bound = { ctx: 0, data: 0, lit: 0 };
export const theContext: Bound = { ctx: 1, data: 0, lit: 0 };
export const allData: Bound = { ctx: 0, data: 1, lit: 0 };
/** Numbers, booleans and null: the longest JSON number is 24 characters (`-1.2345678901234567e-308`). */
export const scalar: Bound = { ctx: 0, data: 0, lit: 24 };

export const constant = (lit: number): Bound => ({ ctx: 0, data: 0, lit });

export function sum(...bounds: Bound[]): Bound {
  return bounds.reduce((total, bound) => ({ ctx: total.ctx + bound.ctx, data: total.data + bound.data, lit: total.lit + bound.lit }), nothing);
}

export function scale(bound: Bound, factor: number): Bound {
  return { ctx: bound.ctx * factor, data: bound.data * factor, lit: bound.lit * factor };
}

/** Covers either value: for the branches of a condition. */
export function either(a: Bound, b: Bound): Bound {
  return { ctx: Math.max(a.ctx, b.ctx), data: Math.max(a.data, b.data), lit: Math.max(a.lit, b.lit) };
}

/** `bound` of a node evaluated on a context bounded by `context`, as a bound of that context's own terms. */
export function within(bound: Bound, context: Bound): Bound {
  return sum(scale(context, bound.ctx), { ctx: 0, data: bound.data, lit: bound.lit });
}

/**
 * The total of `perItem`, evaluated once on every item of a sequence bounded by `sequence`: the
 * items' sizes add up to at most the sequence's, and there are at most `sequence/2 + 1` of them
 * (each item and its comma take two characters). A per-item value that may hold outside data
 * (`data > 0`) would be copied once per item, which is quadratic: `null`.
 *
 * @example
 * overItems({ ctx: 1, data: 0, lit: 10 }, theContext) // { ctx: 6, data: 0, lit: 10 }
 */
export function overItems(perItem: Bound, sequence: Bound): Bound | null {
  if (perItem.data > 0) return null;
  return sum(scale(sequence, perItem.ctx + perItem.lit / 2), constant(perItem.lit));
}

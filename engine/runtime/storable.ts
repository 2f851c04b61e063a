import { limits } from "../definition/limits";

/**
 * Why `value` cannot be stored as an output, or null when it can. Checked where an output is made,
 * never left to the commit: `JSON.stringify` recurses, so a value nested some thousands of levels
 * deep throws RangeError there, failing the commit of every run in it on every retry.
 *
 * @example
 * unstorable({ a: 1 }, limits.stepOutputBytes) // null
 */
export function unstorable(value: unknown, maxBytes: number): string | null {
  let text: string | undefined;
  try {
    text = JSON.stringify(value ?? null);
  } catch (error) {
    return error instanceof RangeError ? `output is nested too deeply to store (the limit is ${limits.outputNestingDepth} levels)` : `output is not JSON: ${(error as Error).message}`;
  }
  if (text === undefined) return "output is not JSON";
  if (text.length > maxBytes) return `output is ${text.length} bytes; the limit is ${maxBytes}`;
  // Each level takes at least two characters (`[` `]`), so only long texts can nest too deep.
  if (text.length > 2 * limits.outputNestingDepth && nestingDepth(text) > limits.outputNestingDepth)
    return `output is nested more than ${limits.outputNestingDepth} levels deep`;
  return null;
}

/** The deepest nesting of arrays and objects in a JSON text, outside strings. */
function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const char = json.charCodeAt(i);
    if (inString) {
      if (char === 92) i++; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) deepest = Math.max(deepest, ++depth);
    else if (char === 125 || char === 93) depth--;
  }
  return deepest;
}

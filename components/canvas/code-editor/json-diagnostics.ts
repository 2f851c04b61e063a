import { findJsonSyntaxError } from "./json-syntax-error";

// Apart from the JSONata and JavaScript diagnostics: the inspector's JSON fields load with the
// designer, and these need neither JSONata nor acorn.

/** A problem in editor text, as offsets into the whole document (what @codemirror/lint wants). */
export type TextDiagnostic = { from: number; to: number; message: string };

/** A JSON syntax error with its position; blank text is fine (it clears the field). */
export function jsonDiagnostics(text: string): TextDiagnostic[] {
  if (text.trim() === "") return [];
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    const found = findJsonSyntaxError(text) ?? { offset: text.length, message: (error as Error).message };
    const from = clamp(found.offset, 0, Math.max(0, text.length - 1));
    return [{ from, to: Math.min(text.length, from + 1), message: found.message }];
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

import jsonata from "jsonata";
import { findCodeSyntaxError } from "@/engine/definition/code-syntax";
import { clamp, type TextDiagnostic } from "./json-diagnostics";

export { jsonDiagnostics, type TextDiagnostic } from "./json-diagnostics";

type JsonataError = { message?: string; position?: number; token?: string };

/** Parse errors of a JSONata expression; blank text is not reported here (the schema says whether it is required). */
export function jsonataDiagnostics(source: string): TextDiagnostic[] {
  if (source.trim() === "") return [];
  try {
    jsonata(source);
    return [];
  } catch (error) {
    const { message, position, token } = error as JsonataError;
    return [{ ...jsonataErrorRange(source, position, token), message: message ?? String(error) }];
  }
}

/**
 * jsonata reports `position` as the offset just past the offending token (1-based end), `(end)` when
 * it ran out of input, and sometimes 0 or nothing at all: mark the token, else the character before.
 */
function jsonataErrorRange(source: string, position: number | undefined, token: string | undefined): { from: number; to: number } {
  const end = clamp(position ?? source.length, 0, source.length);
  if (token && token !== "(end)" && end >= token.length) return { from: end - token.length, to: end };
  if (end === 0) return { from: 0, to: Math.min(1, source.length) };
  return { from: end - 1, to: end };
}

/** Errors inside each `{{ … }}` part, at their offsets in the whole template; an empty part is an error. */
export function templateDiagnostics(text: string): TextDiagnostic[] {
  const diagnostics: TextDiagnostic[] = [];
  // Same pattern as parseTemplate in engine/definition/fields.ts, so the editor and the validator agree.
  for (const match of text.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    const inner = match[1]!;
    if (inner.trim() === "") {
      diagnostics.push({ from: match.index, to: match.index + match[0].length, message: "empty {{ }} in template" });
      continue;
    }
    const offset = match.index + 2;
    for (const found of jsonataDiagnostics(inner)) diagnostics.push({ ...found, from: found.from + offset, to: found.to + offset });
  }
  return diagnostics;
}

/** The syntax error of a code step's source, as the validator finds it, at the offending character. */
export function javascriptDiagnostics(source: string): TextDiagnostic[] {
  if (source.trim() === "") return [];
  const error = findCodeSyntaxError(source);
  if (!error) return [];
  const from = clamp(error.offset, 0, Math.max(0, source.length - 1));
  return [{ from, to: Math.min(source.length, from + 1), message: `${error.message} (line ${error.line}, column ${error.column})` }];
}

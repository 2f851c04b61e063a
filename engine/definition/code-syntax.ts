import { parse } from "acorn";

/** Where a code step's source stops parsing: 1-based line and column, as an editor shows them. */
export type CodeSyntaxError = { line: number; column: number; offset: number; message: string };

/**
 * Parses a code step's source the way the sandbox compiles it: a synchronous, non-strict function
 * body (`new Function(source)`), so `return` is allowed at the top and `await` is not. Returns null
 * when it parses. A parse is all it does: nothing runs.
 */
export function findCodeSyntaxError(source: string): CodeSyntaxError | null {
  try {
    parse(source, { ecmaVersion: "latest", sourceType: "script", allowReturnOutsideFunction: true });
    return null;
  } catch (error) {
    const { message, loc, pos } = error as { message?: string; loc?: { line: number; column: number }; pos?: number };
    if (!loc) return { line: 1, column: 1, offset: 0, message: message ?? String(error) };
    // acorn appends "(line:column)" to its message; the location is reported apart.
    return { line: loc.line, column: loc.column + 1, offset: pos ?? 0, message: (message ?? "").replace(/\s*\(\d+:\d+\)$/, "") };
  }
}

export function describeCodeSyntaxError(error: CodeSyntaxError): string {
  return `syntax error at line ${error.line}, column ${error.column}: ${error.message}`;
}

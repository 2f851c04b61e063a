import { parse as parseYaml, YAMLParseError } from "yaml";
import type { ValidationIssue } from "./issues";
import { formatBytes } from "./validate";
import { limits } from "./limits";

export type ParseResult = { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] };

/** Parses definition text (JSON, or YAML when `format` says so or the text is not JSON-shaped). */
export function parseDefinitionText(text: string, format: "json" | "yaml" | "auto" = "auto"): ParseResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > limits.definitionBytes)
    return { ok: false, issues: [{ path: "", message: `file is ${formatBytes(bytes)}; the limit is ${formatBytes(limits.definitionBytes)}` }] };
  const asJson = format === "json" || (format === "auto" && /^\s*[[{]/.test(text));
  return asJson ? parseJson(text) : parseYamlText(text);
}

function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, issues: [{ path: "", message: `invalid JSON: ${(error as Error).message}${lineHint(text, error as Error)}` }] };
  }
}

function parseYamlText(text: string): ParseResult {
  try {
    return { ok: true, value: parseYaml(text, { maxAliasCount: 100 }) };
  } catch (error) {
    const message = error instanceof YAMLParseError ? error.message.split("\n")[0] : (error as Error).message;
    return { ok: false, issues: [{ path: "", message: `invalid YAML: ${message}` }] };
  }
}

function lineHint(text: string, error: Error): string {
  const position = errorPosition(text, error.message);
  if (position === null) return "";
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  return ` (line ${line}, column ${position - before.lastIndexOf("\n")})`;
}

/**
 * V8 names the offset ("at position 25"), except for an unexpected token, where it quotes up to
 * 10 characters either side instead: find that excerpt in the text to recover the offset.
 */
function errorPosition(text: string, message: string): number | null {
  const stated = /position (\d+)/.exec(message)?.[1];
  if (stated !== undefined) return Number(stated);
  const quoted = /^Unexpected token '(.+?)', (\.\.\.)?"([\s\S]*)"(\.\.\.)? is not valid JSON$/.exec(message);
  if (!quoted) return /end of JSON input/.test(message) ? text.length : null;
  const [, token, truncatedBefore, excerpt] = quoted;
  const start = text.indexOf(excerpt!);
  if (start < 0) return null;
  return truncatedBefore ? start + 10 : start + Math.max(0, excerpt!.indexOf(token!));
}

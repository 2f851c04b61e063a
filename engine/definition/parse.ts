import { parse as parseYaml, YAMLParseError } from "yaml";
import type { ValidationIssue } from "./issues.js";
import { formatBytes } from "./validate.js";
import { limits } from "./limits.js";

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
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position === undefined || /line \d+/.test(error.message)) return "";
  const before = text.slice(0, Number(position));
  const line = before.split("\n").length;
  return ` (line ${line}, column ${Number(position) - before.lastIndexOf("\n")})`;
}

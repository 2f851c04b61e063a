import type jsonata from "jsonata";

/**
 * jsonata's own guardrails, checked between AST nodes: the time box, the depth of nested
 * evaluation and the length of any sequence. They cannot stop a single built-in or regex: that is
 * what the subset check and the isolated evaluator are for.
 */
export function guardrails(timeoutMs: number): jsonata.JsonataOptions {
  return { timeout: timeoutMs, stack: 500, sequence: 1_000_000 };
}

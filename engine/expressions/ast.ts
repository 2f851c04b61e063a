import type jsonata from "jsonata";

/**
 * The parts of a node of jsonata's parsed expression (`.ast()`, jsonata 2.2) that the analyses
 * here read. jsonata's own typings leave most of them out; the field names are jsonata's.
 */
export interface AstNode {
  type: string;
  value?: unknown;
  /** `path`: its steps, in order. */
  steps?: AstNode[];
  /** A path step: filters (`type: "filter"`) and `#` index bindings (`type: "index"`). */
  stages?: { type: string; expr?: AstNode }[];
  /** A non-path node with `[...]` filters. */
  predicate?: { type: string; expr: AstNode }[];
  /** `{ key: value }` group-by attached to a path or another node. */
  group?: { lhs: [AstNode, AstNode][] };
  /** Object constructor pairs (`unary {`), bind/apply/binary left side. */
  lhs?: AstNode | [AstNode, AstNode][];
  rhs?: AstNode;
  expression?: AstNode;
  expressions?: AstNode[];
  arguments?: AstNode[];
  procedure?: AstNode;
  condition?: AstNode;
  then?: AstNode;
  else?: AstNode;
  /** `@$var` and `#$var` on a path step. */
  focus?: string;
  index?: string;
  /** An array constructor that is a path's first step. */
  consarray?: boolean;
}

export function astOf(compiled: ReturnType<typeof jsonata>): AstNode {
  return compiled.ast() as unknown as AstNode;
}

import { describe, expect, it } from "vitest";
import { parseDefinitionText } from "./parse";
import { validateDefinition } from "./validate";

const base = (steps: unknown[], edges: unknown[] = [], extra: Record<string, unknown> = {}) => ({ format: "orka/v1", name: "t", steps, edges, ...extra });
const noop = (id: string) => ({ id, type: "noop" });
const issuesOf = (definition: unknown) => {
  const result = validateDefinition(definition);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
};

describe("validateDefinition", () => {
  it("accepts an error edge from any step, branching or not, and optional steps", () => {
    const condition = { id: "c", type: "condition", config: { expression: "true" } };
    expect(issuesOf(base([{ ...noop("a"), optional: true }, noop("b"), condition], [
      { from: "a", to: "b", branch: "error" },
      { from: "c", to: "a", branch: "true" },
      { from: "c", to: "b", branch: "error" },
    ]))).toEqual([]);
  });

  it("refuses a second error edge from a step, an error edge from a fail step, and a switch case named error", () => {
    const fail = { id: "f", type: "fail", config: { message: "no" } };
    const switchStep = { id: "s", type: "switch", config: { cases: [{ label: "error", expression: "true" }] } };
    expect(issuesOf(base([noop("a"), noop("b"), noop("c"), fail], [
      { from: "a", to: "b", branch: "error" },
      { from: "a", to: "c", branch: "error" },
      { from: "f", to: "c", branch: "error" },
    ]))).toEqual([
      'edges[1].branch: "a" already has an error edge (edges[0]); a step has one failure handler',
      'edges[2].branch: "f" is a fail step: it always fails, so an error edge would only be a plain edge; connect its predecessor instead',
    ]);
    expect(issuesOf(base([switchStep]))).toEqual(['steps[0].config.cases[0].label: "error" is reserved for the branch taken when a step fails']);
  });

  it("accepts a valid definition and applies defaults", () => {
    const result = validateDefinition(base([noop("a"), { id: "b", type: "http", config: { url: "https://x.test/{{ $input.id }}" } }], [{ from: "a", to: "b" }]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.maxParallel).toBe(16);
    expect(result.definition.namespace).toBe("default");
    expect(result.definition.steps[1]!.config).toMatchObject({ method: "GET" });
  });

  it("checks breaker settings and retry.on, with paths", () => {
    const http = { id: "h", type: "http", config: { url: "https://x.test" } };
    expect(issuesOf(base([{ ...http, breaker: { failures: 3, coolDownMs: 5000 }, retry: { on: ["transient", "permanent"] } }]))).toEqual([]);
    expect(issuesOf(base([{ id: "c", type: "code", config: { source: "return 1" }, breaker: { key: "payments" } }]))).toEqual([]);
    expect(issuesOf(base([{ id: "c", type: "code", config: { source: "return 1" }, breaker: { failures: 2 } }]))).toEqual([
      "steps[0].breaker.key: a code step names no target of its own: give the breaker a key",
    ]);
    const bad = issuesOf(base([{ ...http, breaker: { failures: 0, window: 5 }, retry: { on: ["cancelled"] } }]));
    expect(bad.some((issue) => issue.startsWith("steps[0].breaker.failures"))).toBe(true);
    expect(bad.some((issue) => issue.startsWith("steps[0].breaker") && issue.includes("window"))).toBe(true);
    expect(bad.some((issue) => issue.startsWith("steps[0].retry.on[0]"))).toBe(true);
  });

  it("reports a cycle with its path through the steps", () => {
    expect(issuesOf(base([noop("a"), noop("b"), noop("c")], [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "a" }]))).toEqual([
      "edges[2]: cycle: a → b → c → a",
    ]);
  });

  it("reports a self-loop", () => {
    expect(issuesOf(base([noop("a")], [{ from: "a", to: "a" }]))).toContain('edges[0]: step "a" cannot connect to itself');
  });

  it("reports an unknown step type and keeps checking the rest", () => {
    const issues = issuesOf(base([{ id: "a", type: "teleport" }, { id: "b", type: "condition", config: {} }]));
    expect(issues[0]).toMatch(/^steps\[0\]\.type: unknown step type "teleport"/);
    expect(issues[1]).toMatch(/^steps\[1\]\.config\.expression: /);
  });

  it("reports edges to and from unknown steps", () => {
    expect(issuesOf(base([noop("a")], [{ from: "a", to: "ghost" }, { from: "nobody", to: "a" }]))).toEqual([
      'edges[0].to: unknown step "ghost"',
      'edges[1].from: unknown step "nobody"',
    ]);
  });

  it("reports duplicate ids and duplicate edges", () => {
    expect(issuesOf(base([noop("a"), noop("b"), noop("a")], [{ from: "a", to: "b" }, { from: "a", to: "b" }]))).toEqual([
      'steps[2].id: duplicate step id "a" (also steps[0])',
      "edges[1]: duplicate edge (same as edges[0])",
    ]);
  });

  it("rejects invalid ids", () => {
    expect(issuesOf(base([noop("Bad-Id")]))[0]).toMatch(/^steps\[0\]\.id: /);
  });

  it("requires a branch on edges from branching steps and only known labels", () => {
    const condition = { id: "c", type: "condition", config: { expression: "true" } };
    const sw = { id: "s", type: "switch", config: { cases: [{ label: "vip", expression: "true" }] } };
    const approval = { id: "ap", type: "approval" };
    expect(
      issuesOf(base([condition, sw, approval, noop("x"), noop("y"), noop("z"), noop("w")], [
        { from: "c", to: "x" },
        { from: "c", to: "y", branch: "maybe" },
        { from: "s", to: "z", branch: "gold" },
        { from: "s", to: "w", branch: "default" },
        { from: "ap", to: "x", branch: "approved" },
        { from: "x", to: "y", branch: "true" },
      ])),
    ).toEqual([
      'edges[0].branch: "c" is a condition step: the edge needs a branch (true, false)',
      'edges[1].branch: "c" has no branch "maybe" (it has true, false)',
      'edges[2].branch: "s" has no branch "gold" (it has vip, default)',
      'edges[5].branch: "x" is a noop step and has no branches; remove "true"',
    ]);
  });

  it("checks each step's config against its type's schema", () => {
    const issues = issuesOf(
      base([
        { id: "a", type: "http", config: { url: "https://x", method: "BREW" } },
        { id: "b", type: "delay", config: {} },
        { id: "c", type: "switch", config: { cases: [{ label: "default", expression: "true" }] } },
        { id: "d", type: "code", config: { source: "return 1", extra: true } },
        { id: "e", type: "map", config: { items: "[1]" } },
      ]),
    );
    expect(issues).toEqual([
      expect.stringMatching(/^steps\[0\]\.config\.method: /),
      "steps[1].config: a delay needs exactly one of `ms` or `until`",
      'steps[2].config.cases[0].label: "default" is reserved for the fallback branch',
      expect.stringMatching(/^steps\[3\]\.config: .*extra/),
      "steps[4].config: needs exactly one of `workflow` (a reference) or `definition` (inline)",
    ]);
  });

  it("parses every JSONata expression: config, templates, assign, output", () => {
    const issues = issuesOf(
      base(
        [
          { id: "a", type: "condition", config: { expression: "$input.x = (" } },
          { id: "b", type: "http", config: { url: "https://x/{{ $input. }}" } },
          { id: "c", type: "noop", assign: { total: "$sum(" } },
        ],
        [],
        { output: "}{" },
      ),
    );
    expect(issues.map((issue) => issue.split(":")[0])).toEqual(["steps[0].config.expression", "steps[1].config.url", "steps[2].assign.total", "output"]);
    expect(issues[0]).toMatch(/invalid expression/);
  });

  it("parses code step sources as a function body and reports a syntax error's line and column", () => {
    const code = (id: string, source: string) => ({ id, type: "code", config: { source } });
    expect(issuesOf(base([code("a", "const total = input.total;\nreturn { paid: true ")]))).toEqual([
      "steps[0].config.source: syntax error at line 2, column 21: Unexpected token",
    ]);
    expect(issuesOf(base([code("a", "if (input.x) {\n  return 1\n}\nreturn input.items.map((item) => item.price ?? 0)")]))).toEqual([]);
    // The sandbox compiles a synchronous function: `await` at the top is a syntax error there too.
    expect(issuesOf(base([code("a", "return await fetch('x')")]))).toEqual([expect.stringMatching(/^steps\[0\]\.config\.source: syntax error at line 1, column 14: /)]);
  });

  it("validates inline child definitions with nested paths", () => {
    const child = base([{ id: "x", type: "noop", config: { output: "1 +" } }]);
    expect(issuesOf(base([{ id: "m", type: "map", config: { items: "[1,2]", definition: child } }]))).toEqual([
      expect.stringMatching(/^steps\[0\]\.config\.definition\.steps\[0\]\.config\.output: invalid expression/),
    ]);
  });

  it("rejects an invalid input JSON Schema", () => {
    expect(issuesOf(base([noop("a")], [], { input: { type: "objekt" } }))[0]).toMatch(/^input: invalid JSON Schema/);
  });

  it("rejects unknown fields and a wrong format", () => {
    const issues = issuesOf({ ...base([{ ...noop("a"), colour: "red" }]), format: "orka/v2", surprise: 1 });
    expect(issues).toEqual(expect.arrayContaining([expect.stringMatching(/^format: /), expect.stringMatching(/surprise/), expect.stringMatching(/^steps\[0\]: .*colour/)]));
  });

  it("keeps metadata verbatim (the only free-form place)", () => {
    const result = validateDefinition(base([{ ...noop("a"), metadata: { colour: "red" } }], [], { metadata: { owner: "ops" } }));
    expect(result.ok && result.definition.metadata).toEqual({ owner: "ops" });
  });

  it("enforces size limits: 2,000 steps and 1 MB", () => {
    const steps = Array.from({ length: 5000 }, (_, index) => noop(`s${index}`));
    expect(issuesOf(base(steps))).toEqual(["steps: at most 2000 steps are allowed"]);
    const huge = base([{ id: "a", type: "noop", description: "x".repeat(1_100_000) }]);
    expect(issuesOf(huge)[0]).toMatch(/^: definition is 1\.1 MB; the limit is 1\.0 MB/);
  });

  it("accepts 2,000 steps in a chain", () => {
    const steps = Array.from({ length: 2000 }, (_, index) => noop(`s${index}`));
    const edges = steps.slice(1).map((step, index) => ({ from: `s${index}`, to: step.id }));
    expect(validateDefinition(base(steps, edges)).ok).toBe(true);
  });
});

describe("parseDefinitionText", () => {
  it("parses JSON and YAML", () => {
    expect(parseDefinitionText('{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseDefinitionText("format: orka/v1\nsteps: []\n", "yaml")).toEqual({ ok: true, value: { format: "orka/v1", steps: [] } });
  });

  it("explains malformed JSON and YAML", () => {
    const json = parseDefinitionText('{"a": 1,,}', "json");
    expect(!json.ok && json.issues[0]!.message).toMatch(/^invalid JSON: .*(line|position)/);
    const yaml = parseDefinitionText("a: [1, 2\nb: }", "yaml");
    expect(!yaml.ok && yaml.issues[0]!.message).toMatch(/^invalid YAML/);
  });

  it("refuses text over 1 MB before parsing", () => {
    const result = parseDefinitionText(" ".repeat(1_000_001) + "{}");
    expect(!result.ok && result.issues[0]!.message).toBe("file is 1.0 MB; the limit is 1.0 MB");
  });
});

describe("remembered parse results", () => {
  it("report the same broken expression and code again, at each place it occurs", () => {
    const broken = { id: "a", type: "condition", config: { expression: "$input.n +" } };
    const again = { id: "b", type: "condition", config: { expression: "$input.n +" } };
    const code = (id: string) => ({ id, type: "code", config: { source: "return {" } });
    for (let round = 0; round < 2; round++) {
      const issues = issuesOf(base([broken, again, code("c"), code("d")]));
      expect(issues.filter((issue) => /invalid expression/.test(issue)).map((issue) => issue.split(":")[0])).toEqual(["steps[0].config.expression", "steps[1].config.expression"]);
      expect(issues.filter((issue) => issue.startsWith("steps[2].config.source") || issue.startsWith("steps[3].config.source"))).toHaveLength(2);
    }
    expect(issuesOf(base([{ ...broken, config: { expression: "$input.n + 1" } }]))).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { httpConfigSchema } from "../steps/http/spec";
import { secretNamesInConfig, secretNamesInDefinition, secretReferences } from "./secret-refs";
import { validateDefinition } from "./validate";

const base = (steps: unknown[], edges: unknown[] = [], extra: Record<string, unknown> = {}) => ({ format: "orka/v1", name: "t", steps, edges, ...extra });
const issuesOf = (definition: unknown) => {
  const result = validateDefinition(definition);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
};
const onlyInHttp = "$secrets can only be used in an http step's url, headers and body: no other step, assign or output ever sees a secret";
const byName = "write $secrets.NAME: a secret is read by its name, never as the whole $secrets object";

describe("secretReferences", () => {
  it("finds $secrets.NAME in expressions and in the {{ }} parts of templates, each name once", () => {
    expect(secretReferences("expression", `"Bearer " & $secrets.TOKEN & $secrets.TOKEN`)).toEqual({ names: ["TOKEN"], problems: [] });
    expect(secretReferences("template", "https://x.test/{{ $secrets.PATH_KEY }}?k={{ $secrets.API_KEY_2 }}")).toEqual({ names: ["PATH_KEY", "API_KEY_2"], problems: [] });
    expect(secretReferences("expression", "{ 'auth': { 'key': $secrets.KEY } }")).toEqual({ names: ["KEY"], problems: [] });
  });

  it("ignores text that only looks like it: literals outside {{ }}, strings, other variables, code", () => {
    expect(secretReferences("template", "literal $secrets.TOKEN")).toEqual({ names: [], problems: [] });
    expect(secretReferences("expression", `"$secrets.TOKEN" & $secretsX.Y`)).toEqual({ names: [], problems: [] });
    expect(secretReferences("code", "return $secrets.TOKEN")).toEqual({ names: [], problems: [] });
    expect(secretReferences("expression", "$secrets.(")).toEqual({ names: [], problems: [] }); // a syntax error, reported elsewhere
  });

  it("refuses every use that is not a lookup by name: the whole object, rebinding, a filter, a bad name", () => {
    expect(secretReferences("expression", "$keys($secrets)").problems).toEqual([byName]);
    expect(secretReferences("expression", "$lookup($secrets, 'TOKEN')").problems).toEqual([byName]);
    expect(secretReferences("expression", "($secrets := {'A': 1}; $secrets.A)").problems).toEqual([byName]);
    expect(secretReferences("expression", "$secrets[0].TOKEN").problems).toEqual([byName]);
    expect(secretReferences("expression", "$input.$secrets").problems).toEqual([byName]);
    expect(secretReferences("expression", "$secrets.token").problems).toEqual([
      '"token" is not a secret name: upper-case letters, digits and _, starting with a letter, at most 64 characters (like STRIPE_KEY)',
    ]);
  });

  it("lists the names an http config reads across url, headers and body", () => {
    const config = httpConfigSchema.parse({
      url: "https://x.test/{{ $secrets.A }}",
      headers: { authorization: "Bearer {{ $secrets.B }}", "x-plain": "{{ $input.id }}" },
      body: "{ 'key': $secrets.C, 'again': $secrets.A }",
    });
    expect(secretNamesInConfig(httpConfigSchema, config)).toEqual(["A", "B", "C"]);
    expect(secretNamesInConfig(httpConfigSchema, httpConfigSchema.parse({ url: "https://x.test/" }))).toEqual([]);
  });
});

describe("validateDefinition: $secrets", () => {
  it("accepts $secrets.NAME in an http step's url, headers and body", () => {
    const http = { id: "call", type: "http", config: { url: "https://x.test/{{ $secrets.A }}", headers: { authorization: "Bearer {{ $secrets.TOKEN }}" }, body: "{ 'k': $secrets.B }" } };
    expect(issuesOf(base([http]))).toEqual([]);
  });

  it("refuses $secrets in other steps, in assign and in the run output, each with its path", () => {
    const definition = base(
      [
        { id: "a", type: "noop", config: { output: "$secrets.TOKEN" } },
        { id: "b", type: "condition", config: { expression: "$secrets.TOKEN = 'x'" } },
        { id: "c", type: "http", config: { url: "https://x.test/" }, assign: { token: "$secrets.TOKEN" } },
      ],
      [],
      { output: "$secrets.TOKEN" },
    );
    expect(issuesOf(definition)).toEqual([
      `steps[0].config.output: ${onlyInHttp}`,
      `steps[1].config.expression: ${onlyInHttp}`,
      `steps[2].assign.token: ${onlyInHttp}`,
      `output: ${onlyInHttp}`,
    ]);
  });

  it("refuses a use of $secrets in an http step that is not a lookup by name, with its field's path", () => {
    const definition = base([{ id: "call", type: "http", config: { url: "https://x.test/", headers: { "x-all": "{{ $string($secrets) }}" }, body: "$secrets.lower" } }]);
    expect(issuesOf(definition)).toEqual([
      `steps[0].config.headers.x-all: ${byName}`,
      'steps[0].config.body: "lower" is not a secret name: upper-case letters, digits and _, starting with a letter, at most 64 characters (like STRIPE_KEY)',
    ]);
  });

  it("checks the inline definitions of map and sub-workflow steps by the same rule", () => {
    const child = base([{ id: "leak", type: "noop", config: { output: "$secrets.TOKEN" } }]);
    const childHttp = base([{ id: "call", type: "http", config: { url: "https://x.test/{{ $secrets.TOKEN }}" } }]);
    expect(issuesOf(base([{ id: "each", type: "map", config: { items: "[1]", definition: child } }]))).toEqual([`steps[0].config.definition.steps[0].config.output: ${onlyInHttp}`]);
    expect(issuesOf(base([{ id: "each", type: "map", config: { items: "[1]", definition: childHttp } }]))).toEqual([]);
  });
});

describe("secretNamesInDefinition", () => {
  it("finds every $secrets.NAME of the http steps once, sorted, nested map and sub-workflow definitions included", () => {
    const childHttp = base([{ id: "post", type: "http", config: { url: "https://x.test/", body: "{ 'k': $secrets.API_TOKEN, 'b': $secrets.B_KEY }" } }]);
    const definition = base([
      { id: "call", type: "http", config: { url: "https://x.test/{{ $secrets.TENANT }}", headers: { auth: "Bearer {{ $secrets.API_TOKEN }}" } } },
      { id: "each", type: "map", config: { items: "[1]", definition: childHttp } },
      { id: "once", type: "subworkflow", config: { definition: base([{ id: "nested", type: "map", config: { items: "[1]", definition: base([{ id: "get", type: "http", config: { url: "https://x.test/{{ $secrets.DEEP }}" } }]) } }]) } },
    ]);
    expect(secretNamesInDefinition(definition)).toEqual(["API_TOKEN", "B_KEY", "DEEP", "TENANT"]);
  });

  it("reads nothing from what is not an http step's config, or not a definition", () => {
    expect(secretNamesInDefinition(base([{ id: "js", type: "code", config: { source: "return '$secrets.NOT_ONE'" } }]))).toEqual([]);
    for (const notOne of [null, "text", { steps: "none" }, { steps: [{ type: "http", config: { url: 42 } }] }]) expect(secretNamesInDefinition(notOne)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { limits } from "@/engine/definition";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, twoStepDefinition, type WorkflowsTestKit } from "./workflows-test-kit";

let kit: WorkflowsTestKit;
let editor: Session;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  editor = await kit.memberOf("editor");
});

afterAll(() => kit.testDb.cleanup());

async function newWorkflow(name: string) {
  return (await kit.callerFor(editor).workflows.create({ name, namespace: "shop" })).id;
}

async function storedRow(workflowId: string) {
  return kit.testDb.db.workflow.findUniqueOrThrow({ where: { id: workflowId }, select: { draft: true, draftRevision: true } });
}

describe("workflows.export", () => {
  it("exports the draft as indented JSON and as YAML", async () => {
    const workflowId = await newWorkflow("exported");
    const caller = kit.callerFor(editor);
    const json = await caller.workflows.export({ workflowId, format: "json" });
    expect(json.filename).toBe("shop.exported.orka.json");
    expect(json.text).toBe(`${JSON.stringify({ format: "orka/v1", name: "exported", namespace: "shop", steps: [], edges: [] }, null, 2)}\n`);
    const yaml = await caller.workflows.export({ workflowId, format: "yaml" });
    expect(yaml.filename).toBe("shop.exported.orka.yaml");
    expect(parseYaml(yaml.text)).toEqual(JSON.parse(json.text));
  });
});

describe("workflows.import", () => {
  it("round-trips: export → import → export is byte-identical for JSON", async () => {
    const workflowId = await newWorkflow("round_trip");
    const caller = kit.callerFor(editor);
    await caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft: { ...twoStepDefinition("round_trip"), metadata: { "10": 1, b: [null] } } });
    const exported = await caller.workflows.export({ workflowId, format: "json" });
    await caller.workflows.import({ workflowId, text: exported.text, format: "json", baseRevision: 1 });
    expect((await caller.workflows.export({ workflowId, format: "json" })).text).toBe(exported.text);
  });

  it("imports YAML, detected automatically", async () => {
    const workflowId = await newWorkflow("from_yaml");
    const caller = kit.callerFor(editor);
    const text = "format: orka/v1\nname: from_yaml\nsteps:\n  - id: only\n    type: noop\n";
    expect(await caller.workflows.import({ workflowId, text, format: "auto", baseRevision: 0 })).toMatchObject({ draftRevision: 1 });
    expect((await caller.workflows.get({ workflowId })).draft).toEqual({ format: "orka/v1", name: "from_yaml", steps: [{ id: "only", type: "noop" }] });
  });

  const cycle = JSON.stringify({ ...twoStepDefinition("bad"), edges: [{ from: "a", to: "b" }, { from: "b", to: "a" }] });
  const unknownType = JSON.stringify({ format: "orka/v1", name: "bad", steps: [{ id: "a", type: "teleport" }] });
  const refusals: [string, string, "json" | "yaml" | "auto", { path: string; message: string }][] = [
    ["malformed JSON", '{"format": "orka/v1",', "json", { path: "", message: expect.stringContaining("invalid JSON") as string }],
    ["malformed YAML", "steps: [unclosed", "yaml", { path: "", message: expect.stringContaining("invalid YAML") as string }],
    ["an oversized file", `{"pad": "${"x".repeat(limits.definitionBytes)}"}`, "auto", { path: "", message: expect.stringContaining("the limit is") as string }],
    ["an unknown step type", unknownType, "json", { path: "steps[0].type", message: expect.stringContaining('unknown step type "teleport"') as string }],
    ["a cycle", cycle, "json", { path: "edges[1]", message: "cycle: a → b → a" }],
  ];

  it.each(refusals)("refuses %s with path-addressed issues and stores nothing", async (_, text, format, issue) => {
    const workflowId = await newWorkflow(`refused_${format}_${text.length}`);
    const before = await storedRow(workflowId);
    await expect(kit.callerFor(editor).workflows.import({ workflowId, text, format, baseRevision: 0 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { issues: expect.arrayContaining([issue]) as unknown },
    });
    expect(await storedRow(workflowId)).toEqual(before);
  });

  it("refuses an import over a draft changed since baseRevision", async () => {
    const workflowId = await newWorkflow("stale_import");
    const caller = kit.callerFor(editor);
    await caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft: twoStepDefinition("stale_import") });
    const text = JSON.stringify({ format: "orka/v1", name: "stale_import", steps: [] });
    await expect(caller.workflows.import({ workflowId, text, format: "json", baseRevision: 0 })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`changed by ${editor.user.name} at `),
    });
    expect((await caller.workflows.get({ workflowId })).draft).toEqual(twoStepDefinition("stale_import"));
  });

  it("imports over a newer draft when forced, but never over an invalid definition", async () => {
    const workflowId = await newWorkflow("forced_import");
    const caller = kit.callerFor(editor);
    await caller.workflows.saveDraft({ workflowId, baseRevision: 0, draft: twoStepDefinition("forced_import") });
    await expect(caller.workflows.import({ workflowId, text: unknownType, format: "json", baseRevision: 0, force: true })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const text = JSON.stringify({ format: "orka/v1", name: "forced_import", steps: [] });
    expect(await caller.workflows.import({ workflowId, text, format: "json", baseRevision: 0, force: true })).toMatchObject({ draftRevision: 2 });
    expect((await caller.workflows.get({ workflowId })).draft).toEqual(JSON.parse(text));
  });

  it("records the importer as the draft's author", async () => {
    const workflowId = await newWorkflow("imported_by");
    const other = await kit.joinTeamOf(editor, "editor");
    const text = JSON.stringify({ format: "orka/v1", name: "imported_by", steps: [] });
    await kit.callerFor(other).workflows.import({ workflowId, text, format: "json", baseRevision: 0 });
    expect((await kit.callerFor(editor).workflows.get({ workflowId })).draftUpdatedBy).toEqual({ id: other.user.id, name: other.user.name });
  });

  it("refuses an unknown format with BAD_REQUEST", async () => {
    const workflowId = await newWorkflow("bad_format");
    const format = "xml" as unknown as "json";
    await expect(kit.callerFor(editor).workflows.import({ workflowId, text: "<a/>", format, baseRevision: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(kit.callerFor(editor).workflows.export({ workflowId, format })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

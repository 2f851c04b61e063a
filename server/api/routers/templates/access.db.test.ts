import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { seedBuiltinTemplates } from "@/server/templates/builtin-templates";
import { templateLimits } from "@/server/templates/template-rules";
import { createWorkflowsTestKit, twoStepDefinition, type WorkflowsTestKit } from "../workflows/workflows-test-kit";
import { publishedWorkflow, templateRowCounts } from "./templates-test-kit";

let kit: WorkflowsTestKit;
let owner: Session;
let editor: Session;
let viewer: Session;
let outsider: Session;
let workflowId: string;
/** Alpha's team-only template, and its public one. */
let teamOnly: string;
let publicOne: string;
let builtinCheckout: string;

type Caller = ReturnType<WorkflowsTestKit["callerFor"]>;

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  owner = await kit.memberOf("owner", "Alpha");
  editor = await kit.joinTeamOf(owner, "editor");
  viewer = await kit.joinTeamOf(owner, "viewer");
  outsider = await kit.memberOf("owner", "Beta");
  builtinCheckout = (await seedBuiltinTemplates(kit.testDb.db)).templates.checkout!.id;
  workflowId = await publishedWorkflow(kit, editor, "payroll", twoStepDefinition("payroll"));
  const secondId = await publishedWorkflow(kit, editor, "invoices", twoStepDefinition("invoices"));
  teamOnly = (await kit.callerFor(editor).templates.publish({ workflowId, title: "Payroll run", description: "Pays everyone", tags: ["finance"] })).templateId;
  publicOne = (await kit.callerFor(owner).templates.publish({ workflowId: secondId, title: "Invoice reminders", tags: ["finance", "notifications"], visibility: "public" })).templateId;
});

afterAll(() => kit.testDb.cleanup());

const countsNow = () => templateRowCounts(kit.testDb.db);
const listIds = async (caller: Caller, input?: Parameters<Caller["templates"]["list"]>[0]) => (await caller.templates.list(input)).map((card) => card.id);

describe("templates visibility", () => {
  it("hides another team's team-only template: NOT_FOUND on get, use and delete, absent from the list, nothing changed", async () => {
    const caller = kit.callerFor(outsider);
    const before = await countsNow();
    await expect(caller.templates.get({ templateId: teamOnly })).rejects.toMatchObject({ code: "NOT_FOUND", message: "template not found" });
    await expect(caller.templates.use({ templateId: teamOnly })).rejects.toMatchObject({ code: "NOT_FOUND", message: "template not found" });
    await expect(caller.templates.delete({ templateId: teamOnly })).rejects.toMatchObject({ code: "NOT_FOUND", message: "template not found" });
    expect(await listIds(caller)).not.toContain(teamOnly);
    expect(await countsNow()).toEqual(before);
  });

  it("answers an unknown id exactly like a hidden one", async () => {
    await expect(kit.callerFor(outsider).templates.get({ templateId: "no-such-template" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "template not found" });
  });

  it("shows another team's public template and the built-ins, but only the publishing team may delete", async () => {
    const caller = kit.callerFor(outsider);
    const cards = await caller.templates.list();
    expect(cards.find((card) => card.id === publicOne)).toMatchObject({ title: "Invoice reminders", visibility: "public", builtIn: false, teamName: "Alpha", mine: false, stepCount: 2 });
    expect(cards.filter((card) => card.builtIn)).toHaveLength(5);
    expect(await caller.templates.get({ templateId: publicOne })).toMatchObject({ canUse: true, canDelete: false });
    const before = await countsNow();
    await expect(caller.templates.delete({ templateId: publicOne })).rejects.toMatchObject({ code: "FORBIDDEN", message: "only the team that published a template can delete it" });
    await expect(caller.templates.delete({ templateId: builtinCheckout })).rejects.toMatchObject({ code: "FORBIDDEN", message: "built-in templates cannot be deleted" });
    await expect(kit.callerFor(owner).templates.delete({ templateId: builtinCheckout })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await countsNow()).toEqual(before);
  });

  it("tells the publishing team's members what they may do", async () => {
    expect(await kit.callerFor(viewer).templates.get({ templateId: teamOnly })).toMatchObject({ mine: true, canUse: false, canDelete: false });
    expect(await kit.callerFor(editor).templates.get({ templateId: teamOnly })).toMatchObject({ mine: true, canUse: true, canDelete: true });
    expect(await kit.callerFor(editor).templates.get({ templateId: builtinCheckout })).toMatchObject({ builtIn: true, teamName: null, canDelete: false });
  });
});

describe("templates access by role", () => {
  const writes: Record<string, (caller: Caller) => Promise<unknown>> = {
    publish: (caller) => caller.templates.publish({ workflowId, title: "Payroll run" }),
    use: (caller) => caller.templates.use({ templateId: teamOnly }),
    delete: (caller) => caller.templates.delete({ templateId: teamOnly }),
  };

  it.each(Object.entries(writes))("%s: a viewer is FORBIDDEN and nothing changes", async (_, call) => {
    const before = await countsNow();
    await expect(call(kit.callerFor(viewer))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await countsNow()).toEqual(before);
  });

  it("a viewer may browse: list, tags, get, forWorkflow", async () => {
    const caller = kit.callerFor(viewer);
    expect(await listIds(caller)).toContain(teamOnly);
    expect(await caller.templates.tags()).toContainEqual({ tag: "finance", count: 3 });
    await expect(caller.templates.get({ templateId: teamOnly })).resolves.toBeDefined();
    expect(await caller.templates.forWorkflow({ workflowId })).toMatchObject({ existing: { id: teamOnly }, canPublishPublic: false });
  });

  it("without a session every procedure is UNAUTHORIZED", async () => {
    const caller = kit.callerFor(null);
    for (const call of [() => caller.templates.list(), () => caller.templates.tags(), () => caller.templates.get({ templateId: publicOne }), ...Object.values(writes).map((write) => () => write(caller))])
      await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("another team's workflow cannot be published: NOT_FOUND", async () => {
    await expect(kit.callerFor(outsider).templates.publish({ workflowId, title: "Stolen" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "workflow not found" });
    await expect(kit.callerFor(outsider).templates.forWorkflow({ workflowId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("templates.publish refuses bad input with a clear error and changes nothing", () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["an oversized description", { description: "x".repeat(templateLimits.descriptionMax + 1) }, "BAD_REQUEST", "a description is at most 2,000 characters"],
    ["an unknown tag", { tags: ["finance", "blockchain"] }, "BAD_REQUEST", 'unknown tag \\"blockchain\\": the known tags are onboarding, e-commerce, payments'],
    ["an empty title", { title: "   " }, "BAD_REQUEST", "a title is required"],
    ["a 121-character title", { title: "t".repeat(121) }, "BAD_REQUEST", "a title is at most 120 characters"],
    ["nine tags", { tags: ["onboarding", "e-commerce", "payments", "etl", "data", "incident", "approval", "reporting", "http"] }, "BAD_REQUEST", "a template has at most 8 tags"],
    ["a tag twice", { tags: ["finance", "finance"] }, "BAD_REQUEST", "a tag is listed twice"],
    ["an unknown visibility", { visibility: "everyone" }, "BAD_REQUEST", 'visibility is \\"team\\" or \\"public\\"'],
    ["public by an editor", { visibility: "public" }, "FORBIDDEN", "only team owners can publish a public template"],
  ];

  it.each(cases)("%s", async (_, change, code, message) => {
    const before = await countsNow();
    const stored = await kit.testDb.db.template.findUniqueOrThrow({ where: { id: teamOnly }, select: { title: true, description: true, visibility: true, latestVersion: true } });
    const input = { workflowId, title: "Payroll run", ...change } as Parameters<Caller["templates"]["publish"]>[0];
    await expect(kit.callerFor(editor).templates.publish(input)).rejects.toMatchObject({ code, message: expect.stringContaining(message) });
    expect(await countsNow()).toEqual(before);
    expect(await kit.testDb.db.template.findUniqueOrThrow({ where: { id: teamOnly }, select: { title: true, description: true, visibility: true, latestVersion: true } })).toEqual(stored);
  });

  it("an unknown tag filter is refused the same way", async () => {
    await expect(kit.callerFor(editor).templates.list({ tag: "blockchain" as "etl" })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("unknown tag") });
  });
});

describe("templates.list and templates.tags", () => {
  it("searches title and description, ignoring case", async () => {
    const caller = kit.callerFor(outsider);
    expect(await listIds(caller, { search: "INVOICE" })).toEqual([publicOne]);
    expect(await listIds(caller, { search: "vip payment" })).toEqual([builtinCheckout]);
    expect(await listIds(kit.callerFor(editor), { search: "pays everyone" })).toEqual([teamOnly]);
    expect(await listIds(caller, { search: "nothing matches this" })).toEqual([]);
  });

  it("filters by tag and by scope", async () => {
    const caller = kit.callerFor(editor);
    expect(new Set(await listIds(caller, { tag: "finance" }))).toEqual(new Set([teamOnly, publicOne, builtinCheckout]));
    expect(new Set(await listIds(caller, { scope: "team" }))).toEqual(new Set([teamOnly, publicOne]));
    expect(await listIds(caller, { scope: "builtin", tag: "payments" })).toEqual([builtinCheckout]);
    expect(await listIds(kit.callerFor(outsider), { scope: "team" })).toEqual([]);
    expect(await listIds(kit.callerFor(outsider), { tag: "finance", search: "payroll" })).toEqual([]);
  });

  it("counts each known tag over the templates the team can see, in vocabulary order", async () => {
    const ours = await kit.callerFor(editor).templates.tags();
    expect(ours.map((entry) => entry.tag).slice(0, 3)).toEqual(["onboarding", "e-commerce", "payments"]);
    expect(ours).toHaveLength(15);
    expect(ours).toContainEqual({ tag: "finance", count: 3 });
    expect(await kit.callerFor(outsider).templates.tags()).toContainEqual({ tag: "finance", count: 2 });
    expect(ours).toContainEqual({ tag: "scheduling", count: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { recordAudit, type AuditEntry } from "@/server/audit/record-audit";
import { createRunsTestKit, doublingDefinition, type RunsTestKit } from "../runs/runs-test-kit";

let kit: RunsTestKit;
let owner: Session;
let viewer: Session;
let other: Session;
let workflowId: string;
let runId: string;
let deletedWorkflowId: string;
let otherWorkflowId: string;

beforeAll(async () => {
  kit = await createRunsTestKit();
  owner = await kit.memberOf("owner", "Ours");
  viewer = await kit.joinTeamOf(owner, "viewer");
  other = await kit.memberOf("owner", "Theirs");
  // Real entries: created + published, a run, a workflow created then deleted, and the other team's.
  workflowId = await kit.publishedWorkflow(owner, "checkout", doublingDefinition("checkout"));
  ({ runId } = await kit.callerFor(owner).runs.start({ workflowId, input: { n: 1 } }));
  await kit.engine.waitForRun(runId);
  ({ id: deletedWorkflowId } = await kit.callerFor(owner).workflows.create({ name: "short_lived" }));
  await kit.callerFor(owner).workflows.delete({ workflowId: deletedWorkflowId });
  otherWorkflowId = await kit.publishedWorkflow(other, "theirs", doublingDefinition("theirs"));
});

afterAll(() => kit.cleanup());

const list = (member: Session | null, input: Parameters<ReturnType<RunsTestKit["callerFor"]>["audit"]["list"]>[0] = {}) =>
  kit.callerFor(member).audit.list(input);

/** Every entry a filter matches, page by page, with the page sizes seen. */
async function listAll(member: Session, input: Omit<Parameters<typeof list>[1], "cursor"> = {}) {
  const entries = [];
  const pageSizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(member, { ...input, cursor });
    entries.push(...page.entries);
    pageSizes.push(page.entries.length);
    cursor = page.nextCursor;
  } while (cursor);
  return { entries, pageSizes };
}

describe("audit.list", () => {
  it("lists the team's entries newest first with parsed detail, and links targets that still exist", async () => {
    const { entries } = await list(viewer);
    expect(entries.map((entry) => entry.action)).toEqual(["workflow.deleted", "workflow.created", "run.started", "workflow.published", "workflow.created"]);
    const actor = { id: owner.user.id, name: owner.user.name };
    expect(entries[2]).toEqual({
      id: expect.any(String),
      createdAt: expect.any(Date),
      action: "run.started",
      actor,
      target: { type: "run", id: runId, label: "checkout", href: `/runs/${runId}` },
      detail: { workflow: "checkout", workflowId, version: 1 },
    });
    expect(entries[3]!.target).toEqual({ type: "workflow", id: workflowId, label: "checkout", href: `/workflows/${workflowId}` });
    // A deleted workflow stays in the log, as text.
    expect(entries[0]!.target).toEqual({ type: "workflow", id: deletedWorkflowId, label: "short_lived", href: null });
    expect(entries[1]!.target.href).toBeNull();
  });

  it("is scoped to the caller's team: the other team sees only its own, and a forged target does not link across", async () => {
    const theirs = await list(other);
    expect(theirs.entries.map((entry) => entry.target.label)).toEqual(["theirs", "theirs"]);
    expect(theirs.entries.every((entry) => entry.actor.id === other.user.id)).toBe(true);
    const forged: AuditEntry = { teamId: owner.team.id, actor: { name: "someone" }, action: "workflow.renamed", target: { type: "workflow", id: otherWorkflowId, label: "x" } };
    await recordAudit(kit.testDb.db, forged);
    const [entry] = (await list(owner, { limit: 1 })).entries;
    expect(entry!.target).toMatchObject({ id: otherWorkflowId, href: null });
    expect((await list(other)).entries).toHaveLength(2);
    await kit.testDb.db.auditEvent.deleteMany({ where: { actorName: "someone" } });
  });

  it("needs a signed-in member", async () => {
    await expect(list(null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("pages through every entry exactly once, including entries recorded in the same millisecond", async () => {
    const team = await kit.memberOf("editor", "Paging");
    const at = new Date("2026-01-01T00:00:00.000Z");
    // 23 entries in 5 distinct instants: pages must break ties by id, not lose or repeat them.
    await kit.testDb.db.auditEvent.createMany({
      data: Array.from({ length: 23 }, (_, index) => ({
        teamId: team.team.id,
        actorName: "seed",
        action: "workflow.renamed",
        targetType: "workflow",
        targetLabel: `w${index}`,
        createdAt: new Date(at.getTime() + (index % 5)),
      })),
    });
    const { entries, pageSizes } = await listAll(team, { limit: 5 });
    expect(pageSizes).toEqual([5, 5, 5, 5, 3]);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(23);
    const keys = entries.map((entry) => [entry.createdAt.getTime(), entry.id] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0));
    expect(keys).toEqual(sorted);
    // An entry recorded while paging lands above the first page: a later page neither repeats nor skips.
    const first = await list(team, { limit: 10 });
    await recordAudit(kit.testDb.db, { teamId: team.team.id, actor: { name: "late" }, action: "workflow.deleted", target: { type: "workflow" } });
    const second = await list(team, { limit: 100, cursor: first.nextCursor });
    expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual(entries.map((entry) => entry.id));
  });

  it("filters by action, category, several categories, person, target type and time", async () => {
    const team = await kit.memberOf("owner", "Filters");
    const colleague = await kit.joinTeamOf(team, "editor");
    const seed = (actor: Session | null, action: AuditEntry["action"], type: AuditEntry["target"]["type"], createdAt: string) =>
      kit.testDb.db.auditEvent.create({
        data: { teamId: team.team.id, actorId: actor?.user.id ?? null, actorName: actor?.user.name ?? "webhook", action, targetType: type, createdAt: new Date(createdAt) },
        select: { id: true },
      });
    const ids = {
      created: (await seed(team, "workflow.created", "workflow", "2026-02-01T10:00:00Z")).id,
      started: (await seed(null, "run.started", "run", "2026-02-02T10:00:00Z")).id,
      cancelled: (await seed(colleague, "run.cancelled", "run", "2026-02-03T10:00:00Z")).id,
      key: (await seed(team, "api_key.created", "api_key", "2026-02-04T10:00:00Z")).id,
      hook: (await seed(colleague, "webhook.rotated", "webhook", "2026-02-05T10:00:00Z")).id,
    };
    const idsOf = async (input: Parameters<typeof list>[1]) => (await list(team, input)).entries.map((entry) => entry.id);
    expect(await idsOf({ action: "run.cancelled" })).toEqual([ids.cancelled]);
    expect(await idsOf({ action: "run." })).toEqual([ids.cancelled, ids.started]);
    expect(await idsOf({ action: ["api_key.", "webhook.", "schedule."] })).toEqual([ids.hook, ids.key]);
    expect(await idsOf({ actor: colleague.user.id })).toEqual([ids.hook, ids.cancelled]);
    expect(await idsOf({ actor: "nobody" })).toEqual([]);
    expect(await idsOf({ targetType: "run" })).toEqual([ids.cancelled, ids.started]);
    expect(await idsOf({ since: new Date("2026-02-02T10:00:00Z"), until: new Date("2026-02-04T10:00:00Z") })).toEqual([ids.cancelled, ids.started]);
    expect(await idsOf({ action: "run.", actor: colleague.user.id, since: new Date("2026-02-01T00:00:00Z") })).toEqual([ids.cancelled]);
  });

  it("refuses filters it does not know with BAD_REQUEST and a message that says what is allowed", async () => {
    const bad = async (input: unknown, message: string | RegExp) =>
      expect(list(owner, input as Parameters<typeof list>[1])).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    await bad({ action: "run" }, /unknown action \\"run\\": name an action such as \\"workflow.published\\" or a category such as \\"run.\\"/);
    await bad({ action: "nope.done" }, /unknown action \\"nope.done\\".*workflow\., run\./);
    await bad({ action: ["run.", "runs."] }, /unknown action \\"runs.\\"/);
    await bad({ action: [] }, /too_small|>=1/);
    await bad({ targetType: "robot" }, /team.*workflow.*run/);
    await bad({ limit: 101 }, /100/);
    await bad({ limit: 0 }, /too_small|>=1/);
    await bad({ since: new Date("2026-03-02"), until: new Date("2026-03-01") }, /since is not before until/);
    await bad({ cursor: "garbage" }, /cursor is not one this listing returned/);
  });
});

describe("audit.actors", () => {
  it("names the people in the team's log, for the person filter", async () => {
    expect(await kit.callerFor(viewer).audit.actors()).toEqual([{ id: owner.user.id, name: owner.user.name }]);
    expect(await kit.callerFor(other).audit.actors()).toEqual([{ id: other.user.id, name: other.user.name }]);
  });
});

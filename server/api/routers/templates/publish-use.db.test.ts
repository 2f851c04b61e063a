import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session } from "@/server/auth";
import { createWorkflowsTestKit, twoStepDefinition, type WorkflowsTestKit } from "../workflows/workflows-test-kit";
import { crmDefinition, publishedWorkflow, templateRowCounts } from "./templates-test-kit";

let kit: WorkflowsTestKit;
let owner: Session;
let editor: Session;
let otherTeam: Session;
let sourceId: string;

const sourceTokenHash = "a".repeat(64);

beforeAll(async () => {
  kit = await createWorkflowsTestKit();
  owner = await kit.memberOf("owner", "Alpha");
  editor = await kit.joinTeamOf(owner, "editor");
  otherTeam = await kit.memberOf("editor", "Beta");
  sourceId = await publishedWorkflow(kit, editor, "crm_sync", crmDefinition("crm_sync"));
  // The source's triggers, as the triggers router would have made them.
  const db = kit.testDb.db;
  await db.schedule.create({ data: { workflowId: sourceId, cron: "0 9 * * 1", timezone: "Europe/Paris", input: '{"segment":"new"}', enabled: true, nextRunAt: new Date() } });
  await db.workflowWebhook.create({ data: { workflowId: sourceId, tokenHash: sourceTokenHash } });
  await db.teamSecret.create({ data: { teamId: owner.team.id, name: "CRM_TOKEN", ciphertext: "c2VjcmV0LXZhbHVl", keyId: "k1" } });
});

afterAll(() => kit.testDb.cleanup());

const publishInput = { title: "CRM contact sync", description: "Fetches a contact from the CRM.", tags: ["sales" as const, "http" as const], visibility: "public" as const };

describe("templates.publish", () => {
  let templateId: string;

  it("snapshots the latest published version and its triggers, without tokens or secret values", async () => {
    const published = await kit.callerFor(owner).templates.publish({ workflowId: sourceId, ...publishInput });
    expect(published).toEqual({ templateId: expect.any(String), version: 1, republished: false });
    templateId = published.templateId;
    expect(await kit.callerFor(editor).templates.get({ templateId })).toMatchObject({
      title: "CRM contact sync",
      description: "Fetches a contact from the CRM.",
      tags: ["http", "sales"],
      visibility: "public",
      builtIn: false,
      teamName: "Alpha",
      mine: true,
      latestVersion: 1,
      definition: crmDefinition("crm_sync"),
      stepCount: 2,
      versions: [{ number: 1, sourceVersion: 1, publishedBy: { id: owner.user.id, name: owner.user.name } }],
      secretNames: ["CRM_TOKEN"],
      triggers: { schedules: 1, webhook: true },
      canUse: true,
      canDelete: true,
    });
    const stored = await kit.testDb.db.templateVersion.findFirstOrThrow({ where: { templateId }, select: { definition: true, triggers: true } });
    expect(JSON.parse(stored.triggers)).toEqual({ schedules: [{ cron: "0 9 * * 1", timezone: "Europe/Paris", input: { segment: "new" } }], webhook: true });
    expect(JSON.stringify(stored)).not.toContain(sourceTokenHash);
    expect(JSON.stringify(stored)).not.toContain("c2VjcmV0LXZhbHVl");
    const audit = await kit.testDb.db.auditEvent.findFirstOrThrow({ where: { action: "template.published", targetId: templateId }, select: { teamId: true, actorId: true, detail: true } });
    expect({ ...audit, detail: JSON.parse(audit.detail) }).toEqual({
      teamId: owner.team.id,
      actorId: owner.user.id,
      detail: { version: 1, workflowId: sourceId, workflowVersion: 1, visibility: "public" },
    });
  });

  it("makes a workflow from it in another team: published version 1 with fresh, disabled triggers and no secrets", async () => {
    const made = await kit.callerFor(otherTeam).templates.use({ templateId });
    expect(made).toEqual({ id: expect.any(String), name: "crm_sync", namespace: "default", templateVersion: 1, schedules: 1, webhook: true });
    const caller = kit.callerFor(otherTeam);
    expect(await caller.workflows.get({ workflowId: made.id })).toMatchObject({
      draft: crmDefinition("crm_sync"),
      latestVersion: 1,
      draftIsPublished: true,
      issues: [],
      template: { id: templateId, title: "CRM contact sync", version: 1, latestVersion: 1 },
    });
    // The snapshot is the published version as stored: with the defaults validation filled in.
    expect((await caller.workflows.version({ workflowId: made.id, number: 1 })).definition).toMatchObject({ ...crmDefinition("crm_sync"), maxParallel: 16 });

    const db = kit.testDb.db;
    const source = await db.schedule.findFirstOrThrow({ where: { workflowId: sourceId }, select: { id: true } });
    const schedules = await db.schedule.findMany({ where: { workflowId: made.id }, select: { id: true, cron: true, timezone: true, input: true, enabled: true, nextRunAt: true } });
    expect(schedules).toEqual([{ id: expect.any(String), cron: "0 9 * * 1", timezone: "Europe/Paris", input: '{"segment":"new"}', enabled: false, nextRunAt: null }]);
    expect(schedules[0]!.id).not.toBe(source.id);
    const webhook = await db.workflowWebhook.findUniqueOrThrow({ where: { workflowId: made.id }, select: { id: true, tokenHash: true } });
    expect(webhook.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(webhook.tokenHash).not.toBe(sourceTokenHash);
    expect(await db.teamSecret.count({ where: { teamId: otherTeam.team.id } })).toBe(0);

    const entries = await db.auditEvent.findMany({ where: { teamId: otherTeam.team.id, action: { in: ["template.used", "workflow.created"] }, targetId: { in: [templateId, made.id] } }, select: { action: true, targetType: true, targetId: true, detail: true } });
    expect(entries.map((entry) => ({ ...entry, detail: JSON.parse(entry.detail) as unknown }))).toEqual(
      expect.arrayContaining([
        { action: "workflow.created", targetType: "workflow", targetId: made.id, detail: { templateId, templateVersion: 1 } },
        { action: "template.used", targetType: "template", targetId: templateId, detail: { workflowId: made.id, version: 1 } },
      ]),
    );
  });

  it("names the new workflow uniquely in its team: the given name, then _2, _3", async () => {
    const caller = kit.callerFor(otherTeam);
    expect((await caller.templates.use({ templateId })).name).toBe("crm_sync_2");
    expect((await caller.templates.use({ templateId, name: "my_sync" })).name).toBe("my_sync");
    expect((await caller.templates.use({ templateId, name: "my_sync" })).name).toBe("my_sync_2");
    const before = await templateRowCounts(kit.testDb.db);
    await expect(caller.templates.use({ templateId, name: "Not A Name" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await templateRowCounts(kit.testDb.db)).toEqual(before);
  });

  it("republishing adds version 2 and updates the text; workflows made from version 1 keep their copy", async () => {
    const made = await kit.callerFor(otherTeam).templates.use({ templateId, name: "keeps_v1" });
    const caller = kit.callerFor(editor);
    await caller.workflows.saveDraft({ workflowId: sourceId, baseRevision: 1, draft: crmDefinition("crm_sync", "Fetch contact v2") });
    await caller.workflows.publish({ workflowId: sourceId, baseRevision: 2 });
    const republished = await caller.templates.publish({ workflowId: sourceId, title: "CRM sync v2", description: "", tags: ["sales"], visibility: "team" });
    expect(republished).toEqual({ templateId, version: 2, republished: true });
    expect(await kit.testDb.db.template.count({ where: { sourceWorkflowId: sourceId } })).toBe(1);
    expect(await caller.templates.get({ templateId })).toMatchObject({
      title: "CRM sync v2",
      tags: ["sales"],
      visibility: "team",
      latestVersion: 2,
      versions: [{ number: 2, sourceVersion: 2 }, { number: 1, sourceVersion: 1 }],
      definition: crmDefinition("crm_sync", "Fetch contact v2"),
    });
    // Made in Beta from the version that was public: its copy stays, the now team-only template is no longer linked.
    expect(await kit.callerFor(otherTeam).workflows.get({ workflowId: made.id })).toMatchObject({ draft: crmDefinition("keeps_v1"), template: null });
    const ours = await caller.templates.use({ templateId, name: "made_from_v2" });
    expect(ours.templateVersion).toBe(2);
  });

  it("shows 'newer version available' data to a workflow made from an older version", async () => {
    const caller = kit.callerFor(editor);
    const workflowId = await publishedWorkflow(kit, editor, "newsletter", twoStepDefinition("newsletter"));
    const { templateId: id } = await caller.templates.publish({ workflowId, title: "Newsletter", tags: [] });
    const made = await caller.templates.use({ templateId: id });
    await caller.workflows.saveDraft({ workflowId, baseRevision: 1, draft: { ...twoStepDefinition("newsletter"), description: "v2" } });
    await caller.workflows.publish({ workflowId, baseRevision: 2 });
    await caller.templates.publish({ workflowId, title: "Newsletter", tags: [] });
    expect((await caller.workflows.get({ workflowId: made.id })).template).toEqual({ id, title: "Newsletter", version: 1, latestVersion: 2 });
    const { draft } = await caller.workflows.get({ workflowId: made.id });
    expect(draft).toMatchObject(twoStepDefinition(made.name));
    expect(draft).not.toHaveProperty("description");
  });

  it("publishes the version asked for, and refuses an unknown one or a never-published workflow, changing nothing", async () => {
    const caller = kit.callerFor(editor);
    const { templateId: id } = await caller.templates.publish({ workflowId: sourceId, version: 1, title: "Old CRM sync" });
    expect((await caller.templates.get({ templateId: id })).versions[0]).toMatchObject({ number: 3, sourceVersion: 1 });
    const { id: draftOnly } = await caller.workflows.create({ name: "never_published" });
    const before = await templateRowCounts(kit.testDb.db);
    await expect(caller.templates.publish({ workflowId: draftOnly, title: "Nope" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: 'workflow "never_published" has no published version — publish it first, then publish it as a template',
    });
    await expect(caller.templates.publish({ workflowId: sourceId, version: 9, title: "Nope" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: 'version 9 of workflow "crm_sync" not found',
    });
    expect(await templateRowCounts(kit.testDb.db)).toEqual(before);
  });

  it("deletes the team's own template; workflows made from it keep their copy and lose the link", async () => {
    const caller = kit.callerFor(editor);
    const workflowId = await publishedWorkflow(kit, editor, "short_lived", twoStepDefinition("short_lived"));
    const { templateId: id } = await caller.templates.publish({ workflowId, title: "Short-lived" });
    const made = await caller.templates.use({ templateId: id });
    await expect(caller.templates.delete({ templateId: id })).resolves.toEqual({ id });
    await expect(caller.templates.get({ templateId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.testDb.db.templateVersion.count({ where: { templateId: id } })).toBe(0);
    expect(await caller.workflows.get({ workflowId: made.id })).toMatchObject({ template: null, latestVersion: 1 });
    expect(await kit.testDb.db.auditEvent.count({ where: { action: "template.deleted", targetId: id, teamId: owner.team.id } })).toBe(1);
  });
});

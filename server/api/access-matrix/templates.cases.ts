import { accessCase } from "./access-case";
import type { World } from "./world";

/** A template of team A published by its owner from a fresh workflow: team-only unless asked. */
async function freshTemplate(world: World, visibility: "team" | "public" = "team"): Promise<string> {
  const { workflowId } = await world.fresh.workflow("published");
  const published = await world.callerFor("owner").templates.publish({ workflowId, title: world.uniqueName("Template"), visibility });
  return published.templateId;
}

// Standing templates, made once per world, for the calls that only read or copy them.
const standing = new WeakMap<World, { team: Promise<string>; public: Promise<string> }>();
function standingTemplate(world: World, visibility: "team" | "public"): Promise<string> {
  let made = standing.get(world);
  if (!made) standing.set(world, (made = { team: freshTemplate(world, "team"), public: freshTemplate(world, "public") }));
  return made[visibility];
}

export const templatesCases = [
  accessCase({ path: "templates.list", allowed: "viewer", outsider: "own-team", input: async (world) => (await standingTemplate(world, "team"), {}) }),
  accessCase({ path: "templates.tags", allowed: "viewer", outsider: "own-team", input: () => undefined }),
  accessCase({
    path: "templates.get",
    label: "a team-only template",
    allowed: "viewer",
    outsider: "NOT_FOUND",
    input: async (world) => ({ templateId: await standingTemplate(world, "team") }),
  }),
  accessCase({ path: "templates.forWorkflow", allowed: "viewer", outsider: "NOT_FOUND", input: (world) => ({ workflowId: world.workflowId }) }),
  accessCase({
    path: "templates.publish",
    label: "team visibility",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => ({ workflowId: (await world.fresh.workflow("published")).workflowId, title: "Orders", tags: ["finance"] }),
  }),
  accessCase({
    path: "templates.publish",
    label: "public: an owner's choice",
    allowed: "owner",
    outsider: "NOT_FOUND",
    input: async (world) => ({ workflowId: (await world.fresh.workflow("published")).workflowId, title: "Orders", visibility: "public" }),
  }),
  accessCase({
    path: "templates.use",
    label: "a team-only template",
    allowed: "editor",
    outsider: "NOT_FOUND",
    input: async (world) => ({ templateId: await standingTemplate(world, "team"), name: world.uniqueName("from_template") }),
  }),
  accessCase({
    path: "templates.use",
    label: "a public template",
    allowed: "editor",
    outsider: "own-team",
    input: async (world) => ({ templateId: await standingTemplate(world, "public"), name: world.uniqueName("from_public") }),
  }),
  accessCase({ path: "templates.delete", allowed: "editor", outsider: "NOT_FOUND", input: async (world) => ({ templateId: await freshTemplate(world) }) }),
];

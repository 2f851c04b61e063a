import { formatIssue } from "../../engine/definition/issues";
import { validateDefinition } from "../../engine/definition/validate";
import { exampleDefinitions } from "../examples/index";
import { seedBuiltinTemplates, type BuiltinTemplatesResult } from "../templates/builtin-templates";
import type { Db } from "./create-prisma-client";
import { defaultTeam } from "./default-owner";

export interface SeedResult {
  teamId: string;
  installed: string[];
  /** Already present (possibly edited by the team): never overwritten. */
  kept: string[];
  /** A workflow of the team already uses the example's namespace and name. */
  nameTaken: string[];
  /** The public built-in templates, one per example: seeded whether or not the examples are installed. */
  templates: BuiltinTemplatesResult;
}

/**
 * Idempotent: creates the default team when absent, then installs the built-in
 * examples that are missing (by `exampleKey`) with their draft and published version 1.
 */
export async function seed(db: Db, { examples = true }: { examples?: boolean } = {}): Promise<SeedResult> {
  const team = await db.team.upsert({ where: { slug: defaultTeam.slug }, create: { ...defaultTeam }, update: {}, select: { id: true } });
  // The team has no member until the first person signs up (server/accounts/first-owner.ts).
  const templates = await seedBuiltinTemplates(db);
  const result: SeedResult = { teamId: team.id, installed: [], kept: [], nameTaken: [], templates };
  if (!examples) return result;
  for (const [key, definition] of Object.entries(exampleDefinitions)) {
    const outcome = await installExample(db, { teamId: team.id, authorId: null, key, definition, template: templates.templates[key] });
    result[outcome].push(key);
  }
  return result;
}

interface ExampleToInstall {
  teamId: string;
  authorId: string | null;
  key: string;
  definition: unknown;
  /** The built-in template of this example: the installed workflow is "made from" its latest version. */
  template?: { id: string; version: number };
}

async function installExample(db: Db, { teamId, authorId, key, definition, template }: ExampleToInstall) {
  const validation = validateDefinition(definition);
  if (!validation.ok) throw new Error(`example "${key}" is invalid: ${validation.issues.map(formatIssue).join("; ")}`);
  const { name, namespace, description = "" } = validation.definition;
  const existing = await db.workflow.findFirst({
    where: { teamId, OR: [{ exampleKey: key }, { namespace, name }] },
    select: { exampleKey: true },
  });
  if (existing?.exampleKey === key && template) await linkToTemplate(db, teamId, key, template.id);
  if (existing) return existing.exampleKey === key ? "kept" : "nameTaken";
  const json = JSON.stringify(definition);
  await db.workflow.create({
    data: { teamId, name, namespace, description, draft: json, exampleKey: key, draftUpdatedById: authorId, templateId: template?.id, templateVersion: template?.version, versions: { create: { number: 1, definition: json, authorId, sourceRevision: 0 } } },
  });
  return "installed";
}

/** Examples installed before built-in templates existed copied what is now the template's version 1. */
async function linkToTemplate(db: Db, teamId: string, key: string, templateId: string) {
  await db.workflow.updateMany({ where: { teamId, exampleKey: key, templateId: null }, data: { templateId, templateVersion: 1 } });
}

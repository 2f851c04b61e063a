import { formatIssue } from "../../engine/definition/issues";
import { validateDefinition } from "../../engine/definition/validate";
import { exampleDefinitions } from "../examples/index";
import type { Db } from "./create-prisma-client";
import { defaultOwner, defaultTeam } from "./default-owner";

export interface SeedResult {
  teamId: string;
  userId: string;
  installed: string[];
  /** Already present (possibly edited by the team): never overwritten. */
  kept: string[];
  /** A workflow of the team already uses the example's namespace and name. */
  nameTaken: string[];
}

/**
 * Idempotent: creates the default team and its owner when absent, then installs the built-in
 * examples that are missing (by `exampleKey`) with their draft and published version 1.
 */
export async function seed(db: Db, { examples = true }: { examples?: boolean } = {}): Promise<SeedResult> {
  const team = await db.team.upsert({ where: { slug: defaultTeam.slug }, create: { ...defaultTeam }, update: {}, select: { id: true } });
  const user = await db.user.upsert({ where: { email: defaultOwner.email }, create: { ...defaultOwner }, update: {}, select: { id: true } });
  await db.membership.upsert({
    where: { userId_teamId: { userId: user.id, teamId: team.id } },
    create: { userId: user.id, teamId: team.id, role: "owner" },
    update: {},
  });
  const result: SeedResult = { teamId: team.id, userId: user.id, installed: [], kept: [], nameTaken: [] };
  if (!examples) return result;
  for (const [key, definition] of Object.entries(exampleDefinitions)) {
    const outcome = await installExample(db, { teamId: team.id, authorId: user.id, key, definition });
    result[outcome].push(key);
  }
  return result;
}

interface ExampleToInstall {
  teamId: string;
  authorId: string;
  key: string;
  definition: unknown;
}

async function installExample(db: Db, { teamId, authorId, key, definition }: ExampleToInstall) {
  const validation = validateDefinition(definition);
  if (!validation.ok) throw new Error(`example "${key}" is invalid: ${validation.issues.map(formatIssue).join("; ")}`);
  const { name, namespace, description = "" } = validation.definition;
  const existing = await db.workflow.findFirst({
    where: { teamId, OR: [{ exampleKey: key }, { namespace, name }] },
    select: { exampleKey: true },
  });
  if (existing) return existing.exampleKey === key ? "kept" : "nameTaken";
  const json = JSON.stringify(definition);
  await db.workflow.create({
    data: { teamId, name, namespace, description, draft: json, exampleKey: key, draftUpdatedById: authorId, versions: { create: { number: 1, definition: json, authorId, sourceRevision: 0 } } },
  });
  return "installed";
}

// Runs in scripts/prepare-database.ts (plain tsx, outside Next): no "server-only", relative imports.
import { formatIssue } from "../../engine/definition/issues";
import { validateDefinition } from "../../engine/definition/validate";
import type { Db } from "../db/create-prisma-client";
import { exampleDefinitions, exampleTemplates, type ExampleKey } from "../examples/index";
import { templateDescriptionSchema, templateTagsSchema, templateTitleSchema } from "./template-rules";

export interface BuiltinTemplatesResult {
  /** Example key → the template and its latest version, for the seed to link installed examples. */
  templates: Record<string, { id: string; version: number }>;
  created: string[];
  /** A new version was added because the shipped definition changed (or only the gallery text did). */
  updated: string[];
  unchanged: string[];
}

/**
 * Upserts one public built-in template per shipped example (`builtinKey` = example key, no team).
 * Idempotent: a new TemplateVersion is added only when the shipped definition differs from the
 * latest one, and the row is written only when something changed (its `updatedAt` orders the gallery).
 */
export async function seedBuiltinTemplates(db: Db): Promise<BuiltinTemplatesResult> {
  const result: BuiltinTemplatesResult = { templates: {}, created: [], updated: [], unchanged: [] };
  for (const key of Object.keys(exampleDefinitions) as ExampleKey[]) {
    const { outcome, ...template } = await upsertBuiltin(db, key);
    result.templates[key] = template;
    result[outcome].push(key);
  }
  return result;
}

function shippedTemplate(key: ExampleKey) {
  const definition = exampleDefinitions[key];
  const validation = validateDefinition(definition);
  if (!validation.ok) throw new Error(`example "${key}" is invalid: ${validation.issues.map(formatIssue).join("; ")}`);
  const meta = exampleTemplates[key];
  return {
    title: templateTitleSchema.parse(meta.title),
    description: templateDescriptionSchema.parse(meta.description),
    tags: [...templateTagsSchema.parse(meta.tags)].sort(),
    definition: JSON.stringify(definition),
  };
}

async function upsertBuiltin(db: Db, key: ExampleKey) {
  const shipped = shippedTemplate(key);
  return db.$transaction(async (tx) => {
    const existing = await tx.template.findUnique({
      where: { builtinKey: key },
      select: { id: true, title: true, description: true, visibility: true, latestVersion: true, tags: { select: { tag: true } } },
    });
    if (!existing) {
      const created = await tx.template.create({
        data: {
          builtinKey: key,
          title: shipped.title,
          description: shipped.description,
          visibility: "public",
          latestVersion: 1,
          tags: { create: shipped.tags.map((tag) => ({ tag })) },
          versions: { create: { number: 1, definition: shipped.definition } },
        },
        select: { id: true },
      });
      return { id: created.id, version: 1, outcome: "created" as const };
    }
    const latest = await tx.templateVersion.findUnique({
      where: { templateId_number: { templateId: existing.id, number: existing.latestVersion } },
      select: { definition: true },
    });
    const definitionChanged = !latest || !sameJson(latest.definition, shipped.definition);
    const storedTags = existing.tags.map((row) => row.tag).sort();
    const textChanged =
      existing.title !== shipped.title || existing.description !== shipped.description || existing.visibility !== "public" || storedTags.join() !== shipped.tags.join();
    if (!definitionChanged && !textChanged) return { id: existing.id, version: existing.latestVersion, outcome: "unchanged" as const };
    const version = definitionChanged ? existing.latestVersion + 1 : existing.latestVersion;
    if (definitionChanged) await tx.templateVersion.create({ data: { templateId: existing.id, number: version, definition: shipped.definition } });
    await tx.template.update({
      where: { id: existing.id },
      data: {
        title: shipped.title,
        description: shipped.description,
        visibility: "public",
        latestVersion: version,
        tags: { deleteMany: {}, create: shipped.tags.map((tag) => ({ tag })) },
      },
    });
    return { id: existing.id, version, outcome: "updated" as const };
  });
}

/** Stored text and shipped JSON compared as values: key order and whitespace do not make a new version. */
function sameJson(stored: string, shipped: string): boolean {
  try {
    return canonical(JSON.parse(stored)) === canonical(JSON.parse(shipped));
  } catch {
    return false;
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null)
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

import "server-only";
import { isTemplateTag, type TemplateTag, type TemplateVisibility } from "@/server/templates/template-rules";

/** What every template read selects: the card's fields and who owns it. */
export const templateSummarySelect = {
  id: true,
  teamId: true,
  builtinKey: true,
  title: true,
  description: true,
  visibility: true,
  latestVersion: true,
  updatedAt: true,
  team: { select: { name: true } },
  tags: { select: { tag: true }, orderBy: { tag: "asc" } },
} as const;

export interface TemplateSummary {
  id: string;
  title: string;
  description: string;
  tags: TemplateTag[];
  visibility: TemplateVisibility;
  /** Shipped with Orka (no team). */
  builtIn: boolean;
  /** The publishing team's name; null for built-ins. */
  teamName: string | null;
  /** Published by the caller's team (it may republish or delete it). */
  mine: boolean;
  latestVersion: number;
  updatedAt: Date;
}

interface SummaryRow {
  id: string;
  teamId: string | null;
  builtinKey: string | null;
  title: string;
  description: string;
  visibility: string;
  latestVersion: number;
  updatedAt: Date;
  team: { name: string } | null;
  tags: { tag: string }[];
}

export function toTemplateSummary(row: SummaryRow, teamId: string): TemplateSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    tags: row.tags.map((tag) => tag.tag).filter(isTemplateTag),
    visibility: row.visibility === "public" ? "public" : "team",
    builtIn: row.teamId === null,
    teamName: row.team?.name ?? null,
    mine: row.teamId === teamId,
    latestVersion: row.latestVersion,
    updatedAt: row.updatedAt,
  };
}

/** Snapshots were validated when published, but a hand-edited row must not break the gallery. */
export function parseSnapshot(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export function stepCountOf(definition: unknown): number {
  const steps = (definition as { steps?: unknown } | null)?.steps;
  return Array.isArray(steps) ? steps.length : 0;
}

import { z } from "zod";

/**
 * The fixed tag vocabulary: a gallery filter is only useful when everyone picks from the same few
 * words. Adding a tag is a code change (and a line here), never a typo in a publish form.
 */
export const templateTags = [
  "onboarding",
  "e-commerce",
  "payments",
  "etl",
  "data",
  "incident",
  "approval",
  "reporting",
  "http",
  "notifications",
  "devops",
  "finance",
  "sales",
  "support",
  "scheduling",
] as const;
export type TemplateTag = (typeof templateTags)[number];

export const templateLimits = { titleMax: 120, descriptionMax: 2000, tagsMax: 8 } as const;

export const templateVisibilities = ["team", "public"] as const;
export type TemplateVisibility = (typeof templateVisibilities)[number];

export function isTemplateTag(value: string): value is TemplateTag {
  return (templateTags as readonly string[]).includes(value);
}

export function unknownTagMessage(tag: unknown): string {
  return `unknown tag "${String(tag)}": the known tags are ${templateTags.join(", ")}`;
}

export const templateTitleSchema = z
  .string()
  .trim()
  .min(1, "a title is required")
  .max(templateLimits.titleMax, `a title is at most ${templateLimits.titleMax} characters`);

export const templateDescriptionSchema = z
  .string()
  .max(templateLimits.descriptionMax, `a description is at most ${templateLimits.descriptionMax.toLocaleString("en")} characters`);

export const templateTagSchema = z.enum(templateTags, { error: (issue) => unknownTagMessage(issue.input) });

export const templateTagsSchema = z
  .array(templateTagSchema)
  .max(templateLimits.tagsMax, `a template has at most ${templateLimits.tagsMax} tags`)
  .refine((tags) => new Set(tags).size === tags.length, "a tag is listed twice");

export const templateVisibilitySchema = z.enum(templateVisibilities, { error: () => 'visibility is "team" or "public"' });

export const templateIdSchema = z.string().min(1).max(100);

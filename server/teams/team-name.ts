import { z } from "zod";

export const teamNameSchema = z.string().trim().min(1, "name is empty").max(80, "name is at most 80 characters");

/**
 * A readable, unique-enough slug: the name in lowercase ASCII words joined by "-", cut to 40
 * characters, then a random suffix so two teams may share a name. "Ops & Billing" → "ops-billing-3f9a1c2e".
 */
export function teamSlug(name: string, suffix: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, 40)
    .replace(/^-+|-+$/g, "");
  return `${words || "team"}-${suffix}`;
}

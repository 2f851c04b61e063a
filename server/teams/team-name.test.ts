import { describe, expect, it } from "vitest";
import { teamNameSchema, teamSlug } from "./team-name";

describe("teamSlug", () => {
  it.each([
    ["Ops & Billing", "ops-billing-abc123"],
    ["  Équipe Données  ", "equipe-donnees-abc123"],
    ["日本チーム", "team-abc123"],
    ["---", "team-abc123"],
    ["a".repeat(39) + " b", `${"a".repeat(39)}-abc123`],
  ])("%s → %s", (name, slug) => {
    expect(teamSlug(name, "abc123")).toBe(slug);
  });
});

describe("teamNameSchema", () => {
  it("trims, and refuses empty or longer than 80 characters", () => {
    expect(teamNameSchema.parse("  Platform  ")).toBe("Platform");
    expect(teamNameSchema.safeParse("   ").error?.issues[0]?.message).toBe("name is empty");
    expect(teamNameSchema.safeParse("x".repeat(81)).error?.issues[0]?.message).toBe("name is at most 80 characters");
    expect(teamNameSchema.parse("x".repeat(80))).toHaveLength(80);
  });
});

import { describe, expect, it } from "vitest";
import { inviteExpiresAt, inviteStateOf, isInviteTokenShaped } from "./invite-state";

const now = new Date("2030-01-01T12:00:00Z");
const later = new Date("2030-01-02T12:00:00Z");
const earlier = new Date("2030-01-01T11:00:00Z");

describe("inviteStateOf", () => {
  it.each([
    ["valid until it expires", { expiresAt: later, usedAt: null, revokedAt: null }, "valid"],
    ["expired at the very instant", { expiresAt: now, usedAt: null, revokedAt: null }, "expired"],
    ["expired", { expiresAt: earlier, usedAt: null, revokedAt: null }, "expired"],
    ["revoked before it expired", { expiresAt: earlier, usedAt: null, revokedAt: earlier }, "revoked"],
    ["used, whatever came after", { expiresAt: earlier, usedAt: earlier, revokedAt: earlier }, "used"],
  ] as const)("%s", (_, invite, state) => {
    expect(inviteStateOf(invite, now)).toBe(state);
  });
});

describe("inviteExpiresAt", () => {
  it("defaults to a week and counts whole hours from now", () => {
    expect(inviteExpiresAt(undefined, now)).toEqual(new Date("2030-01-08T12:00:00Z"));
    expect(inviteExpiresAt(1, now)).toEqual(new Date("2030-01-01T13:00:00Z"));
    expect(inviteExpiresAt(720, now)).toEqual(new Date("2030-01-31T12:00:00Z"));
  });

  it.each([0, 721, 1.5, -3, Number.NaN])("refuses %s hours with a clear message", (hours) => {
    expect(() => inviteExpiresAt(hours, now)).toThrow("expiresInHours: an invite lasts 1 to 720 whole hours (30 days)");
  });
});

describe("isInviteTokenShaped", () => {
  it("accepts 43 base64url characters only", () => {
    expect(isInviteTokenShaped("A".repeat(43))).toBe(true);
    expect(isInviteTokenShaped("aZ09_-".repeat(7) + "x")).toBe(true);
    expect(isInviteTokenShaped("A".repeat(42))).toBe(false);
    expect(isInviteTokenShaped("A".repeat(44))).toBe(false);
    expect(isInviteTokenShaped("A".repeat(42) + "=")).toBe(false);
    expect(isInviteTokenShaped("../" + "A".repeat(40))).toBe(false);
  });
});

/**
 * Installs from before sign-in existed were seeded with this placeholder owner (no password); the
 * first person to sign up takes over what it authored (server/accounts/first-owner.ts).
 */
export const defaultOwner = { email: "owner@orka.local", name: "Owner" } as const;
/** The install's first team: the seed puts the examples in it; the first person to sign up owns it. */
export const defaultTeam = { slug: "default", name: "My team" } as const;

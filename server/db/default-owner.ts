/** The single account of an installation until real sign-in exists: created by the seed. */
export const defaultOwner = { email: "owner@orka.local", name: "Owner" } as const;
export const defaultTeam = { slug: "default", name: "My team" } as const;

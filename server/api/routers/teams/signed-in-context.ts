import type { SignedInPerson, TRPCContext } from "../../trpc";

/** What a `signedInProcedure` handler gets: a person, and their current team's session when they have one. */
export type SignedInContext = TRPCContext & { person: SignedInPerson };

import "server-only";
import { createTRPCRouter, ownerProcedure, teamProcedure } from "../../trpc";
import { deleteSecret } from "./delete.handler";
import { deleteSecretInputSchema } from "./delete.schema";
import { listSecrets } from "./list.handler";
import { setSecret } from "./set.handler";
import { setSecretInputSchema } from "./set.schema";

/** The team's secrets for `$secrets.NAME` in http steps: any member reads the names, owners change them. */
export const secretsRouter = createTRPCRouter({
  list: teamProcedure.query(listSecrets),
  set: ownerProcedure.input(setSecretInputSchema).mutation(setSecret),
  delete: ownerProcedure.input(deleteSecretInputSchema).mutation(deleteSecret),
});

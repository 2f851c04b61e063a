import { z } from "zod";

/** Any string: a name that is not one of the team's secrets is NOT_FOUND, whatever its shape. */
export const deleteSecretInputSchema = z.object({ name: z.string().trim().min(1, "name is empty").max(100) });
export type DeleteSecretInput = z.infer<typeof deleteSecretInputSchema>;

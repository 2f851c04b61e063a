import { z } from "zod";

export const createApiKeyInputSchema = z.object({
  /** What the key is for ("CI deploys"), shown in the list beside its prefix. */
  name: z.string().trim().min(1, "name is empty").max(100, "name is at most 100 characters"),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

export const revokeApiKeyInputSchema = z.object({ apiKeyId: z.string().min(1).max(100) });
export type RevokeApiKeyInput = z.infer<typeof revokeApiKeyInputSchema>;

import { z } from "zod";
import { secretNamePattern, secretNameRule } from "@/engine/definition/secret-refs";

export const secretValueMaxChars = 8192;
export const maxSecretsPerTeam = 100;

/** A name as written after `$secrets.`; the same rule the definition validator applies. */
export const secretNameSchema = z.string().trim().regex(secretNamePattern, `a secret name is ${secretNameRule}`);

export const setSecretInputSchema = z.object({
  name: secretNameSchema,
  /** Kept exactly as given (no trimming): it is sent as is. */
  value: z.string().min(1, "value is empty").max(secretValueMaxChars, `value is at most ${secretValueMaxChars} characters`),
});
export type SetSecretInput = z.infer<typeof setSecretInputSchema>;

import { z } from "zod";

export const resetBreakerInputSchema = z.object({ key: z.string().trim().min(1, "key is empty").max(200) });
export type ResetBreakerInput = z.infer<typeof resetBreakerInputSchema>;

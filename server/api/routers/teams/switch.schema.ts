import { z } from "zod";

export const switchTeamInputSchema = z.object({ teamId: z.string().min(1).max(100) });
export type SwitchTeamInput = z.infer<typeof switchTeamInputSchema>;

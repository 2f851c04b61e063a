import { z } from "zod";
import { teamNameSchema } from "@/server/teams/team-name";

export const createTeamInputSchema = z.object({ name: teamNameSchema });
export type CreateTeamInput = z.infer<typeof createTeamInputSchema>;

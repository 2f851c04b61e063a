import { z } from "zod";
import { teamNameSchema } from "@/server/teams/team-name";

export const renameTeamInputSchema = z.object({ name: teamNameSchema });
export type RenameTeamInput = z.infer<typeof renameTeamInputSchema>;

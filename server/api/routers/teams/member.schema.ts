import { z } from "zod";
import { roles } from "@/server/roles";

const memberIdSchema = z.string().min(1).max(100);

export const changeRoleInputSchema = z.object({ userId: memberIdSchema, role: z.enum(roles) });
export type ChangeRoleInput = z.infer<typeof changeRoleInputSchema>;

export const removeMemberInputSchema = z.object({ userId: memberIdSchema });
export type RemoveMemberInput = z.infer<typeof removeMemberInputSchema>;

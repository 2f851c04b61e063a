"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/trpc-context";

export interface TeamRole {
  /** Still loading, or the call failed: show nothing that depends on the role yet. */
  known: boolean;
  /** Editors and owners design, run and act on runs. */
  canEdit: boolean;
  /** Owners manage members and settings. */
  isOwner: boolean;
}

/**
 * The caller's role in the current team, for showing or hiding controls. Only presentation: the
 * server checks the role on every call whatever the page shows.
 */
export function useTeamRole(): TeamRole {
  const trpc = useTRPC();
  const me = useQuery(trpc.teams.me.queryOptions(undefined, { staleTime: 60_000 }));
  const role = me.data?.role ?? null;
  return { known: me.isSuccess, canEdit: role === "editor" || role === "owner", isOwner: role === "owner" };
}

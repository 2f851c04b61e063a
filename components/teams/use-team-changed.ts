"use client";
import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";

/** A page of one workflow or run belongs to the team it was opened in: after a switch it would be "not found". */
const teamResourcePage = /^\/(workflows|runs)\/[^/]+/;

/**
 * What to do once the session acts in another team (switched, created, joined, left): every
 * cached answer was the old team's, so all queries refetch and server components re-render.
 */
export function useTeamChanged(): (options?: { goHome?: boolean }) => void {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  return ({ goHome = false } = {}) => {
    void queryClient.invalidateQueries();
    if (goHome || teamResourcePage.test(pathname)) router.push("/");
    router.refresh();
  };
}

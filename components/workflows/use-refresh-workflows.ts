"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/trpc-context";

/**
 * Marks every cached `workflows.*` query stale, not only the list: a rename moves the draft's
 * revision, and a designer opened from a stale `workflows.get` would have its next save refused.
 */
export function useRefreshWorkflows(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.workflows.pathKey() });
}

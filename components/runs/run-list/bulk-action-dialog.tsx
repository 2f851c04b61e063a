"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC, useTRPCClient } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formErrorsOf } from "@/components/workflows/form-errors";
import { FormAlert, TextField } from "@/components/ui/text-field";
import type { Notice } from "@/components/workflows/workflow-notice";
import { dryRunSummary, outcomeSummary, type BulkAction } from "./bulk-summary";

export interface BulkRequest {
  action: BulkAction;
  runIds: string[];
}

interface BulkActionDialogProps {
  request: BulkRequest | null;
  onClose(): void;
  onDone(notice: Notice): void;
}

const titles: Record<BulkAction, string> = { cancel: "Cancel selected runs", retry: "Retry selected runs", redrive: "Redrive selected runs on their workflow's latest version" };
const verbs: Record<BulkAction, [string, string]> = { cancel: ["Cancel", "Cancelling…"], retry: ["Retry", "Retrying…"], redrive: ["Redrive", "Redriving…"] };
const runs = (count: number) => (count === 1 ? "1 run" : `${count} runs`);

/**
 * Asks the server which selected runs the action applies to (a dry run changes nothing), says so,
 * and only acts on confirmation; the outcome is reported through `onDone`.
 */
export function BulkActionDialog({ request, onClose, onDone }: BulkActionDialogProps) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const call = (action: BulkAction, input: { runIds: string[]; dryRun: boolean; reason?: string }) =>
    action === "cancel" ? client.runs.bulkCancel.mutate(input) : action === "retry" ? client.runs.bulkRetry.mutate(input) : client.runs.bulkRedrive.mutate(input);

  // The dry run reads only, so it is a query: loading, error and "try again" come with it.
  const check = useQuery({
    queryKey: ["runs", "bulk-dry-run", request],
    queryFn: async () => {
      const result = await call(request!.action, { runIds: request!.runIds, dryRun: true });
      if (!result.dryRun) throw new Error("the server acted instead of checking");
      return result;
    },
    enabled: request !== null,
    staleTime: 0,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
  const perform = useMutation({
    mutationFn: ({ action, runIds }: BulkRequest) => call(action, { runIds, dryRun: false, ...(reason.trim() && { reason: reason.trim() }) }),
    onSuccess: (result, { action }) => {
      if (result.dryRun) return;
      onDone({ tone: result.failed.length ? "error" : "success", text: outcomeSummary(action, result) });
      close();
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() }),
  });

  function close() {
    perform.reset();
    setReason("");
    onClose();
  }

  const action = request?.action ?? "cancel";
  const eligible = check.data?.eligible ?? [];
  return (
    <Dialog
      open={request !== null}
      onClose={close}
      title={titles[action]}
      actions={
        <>
          <Button onClick={close}>Close</Button>
          <Button
            variant={action === "cancel" ? "danger" : "primary"}
            disabled={eligible.length === 0 || perform.isPending}
            onClick={() => perform.mutate({ action, runIds: eligible })}
          >
            {perform.isPending ? verbs[action][1] : `${verbs[action][0]} ${runs(eligible.length)}`}
          </Button>
        </>
      }
    >
      <div className="space-y-3">
        {check.isPending ? (
          <p aria-busy="true" className="text-slate-600">
            Checking which of the {runs(request?.runIds.length ?? 0)} can be {action === "cancel" ? "cancelled" : "retried"}…
          </p>
        ) : check.isError ? (
          <div className="space-y-2">
            <FormAlert message={formErrorsOf(check.error, []).message} />
            <Button size="sm" onClick={() => void check.refetch()}>
              Check again
            </Button>
          </div>
        ) : (
          <>
            <p className="text-slate-800">{dryRunSummary(action, check.data)}</p>
            {eligible.length > 0 && (
              <TextField label="Reason (optional)" value={reason} onChange={setReason} hint="Recorded on each run with your name." />
            )}
          </>
        )}
        <FormAlert message={formErrorsOf(perform.error, []).message} />
      </div>
    </Dialog>
  );
}

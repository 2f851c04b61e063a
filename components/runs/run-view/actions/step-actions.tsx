"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { stepBranches } from "@/components/canvas/step-branches";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import type { StepDefinition, StepView } from "@/engine/definition";
import { TextField } from "@/components/ui/text-field";
import { ActionDialog, parseJsonField } from "./action-dialog";

type Action = "retry" | "resolve" | "approve" | "reject";

/** The buttons an operator has for one step in its current state, each behind a confirmation. */
export function StepActions({ runId, step, view }: { runId: string; step: StepDefinition; view: StepView }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState<Action | null>(null);
  const [reason, setReason] = useState("");
  const [output, setOutput] = useState("");
  const [branch, setBranch] = useState("");
  const retry = useMutation(trpc.runs.retryStep.mutationOptions());
  const resolve = useMutation(trpc.runs.resolveStep.mutationOptions());
  const approve = useMutation(trpc.runs.approveStep.mutationOptions());
  const reject = useMutation(trpc.runs.rejectStep.mutationOptions());
  const branches = stepBranches(step);
  const awaitingApproval = step.type === "approval" && view.status === "waiting";
  // A failure the run went on without (error branch, optional step) is not acted on again.
  const actionableFailure = view.status === "failed" && view.branch !== "error" && !step.optional;
  const show = (action: Action) => {
    setReason("");
    setOutput("");
    setBranch(branches?.[0] ?? "");
    setOpen(action);
  };
  const close = () => setOpen(null);
  const base = { runId, stepId: step.id };

  return (
    <div role="group" aria-label="Step actions" className="flex flex-wrap gap-2">
      {actionableFailure && <Button onClick={() => show("retry")}>Retry step</Button>}
      {(actionableFailure || view.status === "waiting") && <Button onClick={() => show("resolve")}>Resolve step</Button>}
      {awaitingApproval && (
        <>
          <Button variant="primary" onClick={() => show("approve")}>Approve</Button>
          <Button variant="danger" onClick={() => show("reject")}>Reject</Button>
        </>
      )}
      <ActionDialog open={open === "retry"} onClose={close} title={`Retry ${step.id}?`} confirmLabel="Retry step"
        description="The step runs again with a fresh retry budget; the run continues from it."
        onConfirm={async () => void (await retry.mutateAsync({ ...base, reason: reason || undefined }))}>
        <TextField label="Reason (optional)" value={reason} onChange={setReason} />
      </ActionDialog>
      <ActionDialog open={open === "resolve"} onClose={close} title={`Resolve ${step.id}?`} confirmLabel="Resolve step"
        description="The step is marked resolved manually with this output, and the run continues as if it had produced it."
        onConfirm={async () => {
          const value = parseJsonField(output, "The output");
          await resolve.mutateAsync({ ...base, output: value ?? null, ...(branches && { branch: branch || branches[0] }), reason: reason || undefined });
        }}>
        <TextField label="Output (JSON)" value={output} onChange={setOutput} multiline rows={6} code />
        {branches && (
          <label className="flex flex-col gap-1 font-medium text-slate-700">
            Branch to take
            <select value={branch} onChange={(event) => setBranch(event.target.value)} className="rounded-md border border-slate-300 px-2 py-1.5 font-normal">
              {branches.map((label) => <option key={label}>{label}</option>)}
            </select>
          </label>
        )}
        <TextField label="Reason (optional)" value={reason} onChange={setReason} />
      </ActionDialog>
      <ActionDialog open={open === "approve"} onClose={close} title={`Approve ${step.id}?`} confirmLabel="Approve"
        description="The run continues down the approved branch."
        onConfirm={async () => void (await approve.mutateAsync({ ...base, comment: reason || undefined, output: parseJsonField(output, "The output") }))}>
        <TextField label="Comment (optional)" value={reason} onChange={setReason} />
        <TextField label="Output (JSON, optional)" value={output} onChange={setOutput} multiline rows={6} code />
      </ActionDialog>
      <ActionDialog open={open === "reject"} onClose={close} title={`Reject ${step.id}?`} confirmLabel="Reject" danger
        description="The run continues down the rejected branch."
        onConfirm={async () => void (await reject.mutateAsync({ ...base, comment: reason || undefined }))}>
        <TextField label="Comment (optional)" value={reason} onChange={setReason} />
      </ActionDialog>
    </div>
  );
}

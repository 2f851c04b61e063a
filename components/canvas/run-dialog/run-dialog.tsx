"use client";
import { useState, type ReactElement, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { InputStep } from "./input-step";
import { PublishStep } from "./publish-step";
import { RunProgress } from "./run-progress";

export interface RunDialogProps {
  workflowId: string;
  open: boolean;
  onClose(): void;
  /** Highest published version, null if none. */
  latestVersion: number | null;
  /** The draft equals the latest version. */
  draftIsPublished: boolean;
  /** `validateDefinition(draft).ok`. */
  draftIsValid: boolean;
  /** How many validation problems the draft has, for "Fix the 3 problems first"; optional. */
  problemCount?: number;
  /** Saves pending edits and publishes; resolves the new version number, throws with a message on failure. */
  publish(): Promise<number>;
  canEdit: boolean;
}

type Stage =
  | { kind: "publish" }
  | { kind: "input"; version: number; input: unknown; canGoBack: boolean }
  | { kind: "started"; version: number; input: unknown; runId: string };

/**
 * Run from the designer: (1) publish first, or run the last version, when the draft has changes;
 * (2) the input, as a form from the input JSON Schema or raw JSON; (3) the run, until it settles.
 * Each opening starts over (the flow is mounted only while open).
 */
export function RunDialog(props: RunDialogProps): ReactElement {
  return (
    <Dialog open={props.open} onClose={props.onClose} title="Run workflow" size="md">
      <RunFlow {...props} />
    </Dialog>
  );
}

function RunFlow({ workflowId, onClose, latestVersion, draftIsPublished, draftIsValid, problemCount, publish, canEdit }: RunDialogProps) {
  const [stage, setStage] = useState<Stage>(() =>
    draftIsPublished && latestVersion !== null ? { kind: "input", version: latestVersion, input: undefined, canGoBack: false } : { kind: "publish" },
  );
  const footer = (actions: ReactNode) => (
    <div className="mt-5 flex justify-end gap-2">
      <Button variant="ghost" onClick={onClose}>
        {stage.kind === "started" ? "Close" : "Cancel"}
      </Button>
      {actions}
    </div>
  );

  if (!canEdit)
    return (
      <>
        <p>Starting runs needs the editor role in this team.</p>
        {footer(null)}
      </>
    );
  switch (stage.kind) {
    case "publish":
      return (
        <PublishStep
          latestVersion={latestVersion}
          draftIsValid={draftIsValid}
          problemCount={problemCount}
          publish={publish}
          onPublished={(version) => setStage({ kind: "input", version, input: undefined, canGoBack: false })}
          onRunVersion={(version) => setStage({ kind: "input", version, input: undefined, canGoBack: true })}
          footer={footer}
        />
      );
    case "input":
      return (
        <InputStep
          workflowId={workflowId}
          version={stage.version}
          initialInput={stage.input}
          onStarted={(run) => setStage({ kind: "started", ...run })}
          onBack={stage.canGoBack ? () => setStage({ kind: "publish" }) : undefined}
          footer={footer}
        />
      );
    case "started":
      return (
        <RunProgress
          runId={stage.runId}
          version={stage.version}
          onRunAgain={() => setStage({ kind: "input", version: stage.version, input: stage.input, canGoBack: false })}
          footer={footer}
        />
      );
  }
}

"use client";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { plural } from "./run-input";

interface PublishStepProps {
  latestVersion: number | null;
  draftIsValid: boolean;
  problemCount?: number;
  publish(): Promise<number>;
  onPublished(version: number): void;
  /** Run the latest published version as it is, leaving the draft's changes unpublished. */
  onRunVersion(version: number): void;
  footer(actions: ReactNode): ReactNode;
}

/** Step 1, when the draft differs from the latest version: publish it first, or run that version. */
export function PublishStep({ latestVersion, draftIsValid, problemCount, publish, onPublished, onRunVersion, footer }: PublishStepProps) {
  const [publishing, setPublishing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const reason = problemCount ? `Fix the ${plural(problemCount, "problem")} in the draft first.` : "Fix the problems in the draft first.";

  const publishAndRun = async () => {
    setPublishing(true);
    setError(null);
    try {
      onPublished(await publish());
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setPublishing(false);
    }
  };

  if (latestVersion === null && !draftIsValid)
    return (
      <>
        <p className="font-medium">This workflow cannot run yet</p>
        <p className="mt-1 text-slate-600">
          It has never been published, and the draft has {problemCount ? plural(problemCount, "problem") : "problems"}. Fix them, then publish
          and run it.
        </p>
        {footer(null)}
      </>
    );

  return (
    <>
      <p className="font-medium">{latestVersion === null ? "The draft has not been published yet" : "The draft has unpublished changes"}</p>
      <p className="mt-1 text-slate-600">
        Runs use a published version.{" "}
        {latestVersion === null
          ? "Publish the draft as version 1 to run it."
          : `Publish the draft as version ${latestVersion + 1} and run it, or run version ${latestVersion} as it was published.`}
      </p>
      {!draftIsValid && (
        <p id={reasonId} className="mt-2 text-amber-800">
          {reason}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-rose-700">
          Publishing failed: {error}
        </p>
      )}
      {footer(
        <>
          {latestVersion !== null && (
            <Button onClick={() => onRunVersion(latestVersion)} disabled={publishing}>
              Run version {latestVersion}
            </Button>
          )}
          <Button
            variant="primary"
            disabled={!draftIsValid || publishing}
            aria-describedby={draftIsValid ? undefined : reasonId}
            title={draftIsValid ? undefined : reason}
            onClick={() => void publishAndRun()}
          >
            {publishing ? "Publishing…" : "Publish and run"}
          </Button>
        </>,
      )}
    </>
  );
}

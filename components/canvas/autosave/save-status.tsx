"use client";
import type { SaveState } from "./draft-saver";
import { useNow } from "@/components/ui/use-now";

/** "Saved", "Saving…", "Unsaved changes", or a warning that names the failure and the next retry. */
export function SaveStatus({ state }: { state: SaveState }) {
  const now = useNow(state.kind === "retrying");
  const text = {
    saved: "All changes saved",
    unsaved: "Unsaved changes",
    saving: "Saving…",
    retrying: state.kind === "retrying" ? `Not saved: ${state.message} — retrying in ${secondsUntil(state.retryAt, now)} s` : "",
    conflict: "Not saved: conflict",
  }[state.kind];
  const tone = state.kind === "retrying" || state.kind === "conflict" ? "text-rose-700" : state.kind === "saved" ? "text-slate-500" : "text-amber-700";
  return (
    <p role="status" aria-label="Save status" className={`truncate text-xs font-medium ${tone}`}>
      {text}
    </p>
  );
}

function secondsUntil(at: Date, now: number): number {
  return Math.max(0, Math.ceil((at.getTime() - now) / 1000));
}


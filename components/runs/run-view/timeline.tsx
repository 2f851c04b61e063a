"use client";
import { useMemo, useState } from "react";
import type { RunEvent } from "@/engine/definition";
import { useNow } from "@/components/ui/use-now";
import { formatDuration } from "../run-text";
import { timelineRows, timelineSpan, type AttemptBar } from "./timeline-bars";

const barColours: Record<AttemptBar["outcome"], string> = {
  running: "bg-sky-400 animate-pulse",
  completed: "bg-emerald-500",
  failed: "bg-rose-500",
  retrying: "bg-amber-400",
  cancelled: "bg-stone-400",
  waiting: "bg-violet-400",
};

interface TimelineProps {
  events: readonly RunEvent[];
  running: boolean;
  selected: string | null;
  onSelect(stepId: string): void;
  /** Display names by step id (the id when a step has none). */
  names: ReadonlyMap<string, string>;
}

/** A Gantt chart of the run's attempts; zoom widens it, choosing a bar selects the step on the canvas. */
export function Timeline({ events, running, selected, onSelect, names }: TimelineProps) {
  const [zoom, setZoom] = useState(1);
  const [open, setOpen] = useState(true);
  const now = useNow(running, 500);
  const rows = useMemo(() => timelineRows(events), [events]);
  const span = timelineSpan(rows, now);
  const at = (time: number) => (span ? ((time - span.start) / (span.end - span.start)) * 100 : 0);

  return (
    <section aria-label="Timeline" className="shrink-0 border-t border-slate-200 bg-white">
      <div className="flex items-center gap-3 px-4 py-1.5 text-xs text-slate-600">
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="font-semibold text-slate-800">
          Timeline {span ? `· ${formatDuration(span.end - span.start)}` : ""}
        </button>
        <label className="ml-auto flex items-center gap-2">
          Zoom
          <input type="range" min={1} max={20} step={1} value={zoom} onChange={(event) => setZoom(Number(event.target.value))} aria-label="Timeline zoom" />
        </label>
      </div>
      {open && (
        <div className="max-h-44 overflow-auto px-4 pb-2">
          {rows.length === 0 ? (
            <p className="py-2 text-xs text-slate-500">No step has started yet.</p>
          ) : (
            <ul style={{ width: `${zoom * 100}%` }} className="min-w-full">
              {rows.map((row) => (
                <li key={row.stepId} className={`flex h-6 items-center gap-2 ${row.stepId === selected ? "bg-indigo-50" : ""}`}>
                  <span title={row.stepId} className="w-32 shrink-0 truncate text-[11px] text-slate-600">
                    {names.get(row.stepId) ?? row.stepId}
                  </span>
                  <span className="relative h-3 flex-1">
                    {row.bars.map((bar, index) => (
                      <button
                        key={index}
                        type="button"
                        onClick={() => onSelect(row.stepId)}
                        aria-label={`${names.get(row.stepId) ?? row.stepId} attempt ${bar.attempt}: ${bar.outcome}${bar.end !== null ? `, ${formatDuration(bar.end - bar.start)}` : ""}`}
                        className={`absolute top-0 h-3 min-w-1 rounded-sm ${barColours[bar.outcome]}`}
                        style={{ left: `${at(bar.start)}%`, width: `${Math.max(at(bar.end ?? now) - at(bar.start), 0.3)}%` }}
                      />
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}


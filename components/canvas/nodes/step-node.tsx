"use client";
import { Handle, Position, useStore, type NodeProps, type ReactFlowState } from "@xyflow/react";
import { memo, useContext } from "react";
import { hasErrorHandle } from "../step-branches";
import { metaOf } from "../step-meta";
import type { StepNode as StepNodeType } from "../to-flow";
import { branchTop, errorHandleLeft, handleColumnHeight } from "./step-node-geometry";
import { StepDecorationContext, decorationStyles } from "./step-decoration";
import { runStateStyles, StepRunStateContext } from "./step-run-state";

/** Below this zoom a step's text is unreadable: draw a plain box, so zooming out stays cheap. */
export const detailZoom = 0.45;
const zoomedOut = (state: ReactFlowState) => state.transform[2] < detailZoom;

function StepNodeView({ id, data, selected }: NodeProps<StepNodeType>) {
  const simple = useStore(zoomedOut);
  const decoration = useContext(StepDecorationContext)?.get(id);
  const runState = useContext(StepRunStateContext)?.get(id);
  const { step, branches, issues } = data;
  const meta = metaOf(step.type);
  const border = issues.length > 0 ? "border-rose-400" : selected ? "border-indigo-500" : "border-slate-300";
  const ring = selected ? "ring-2 ring-indigo-500/40" : "";
  const decorated = decoration ? decorationStyles[decoration] : runState ? runStateStyles[runState.status].border : "";

  // Zoomed out, a step is a flat box: no shadow, ring or text to paint for a thousand of them.
  const frame = simple ? "rounded-sm" : `rounded-lg shadow-sm ${ring}`;
  return (
    <div className={`relative w-[200px] border bg-white ${frame} ${border} ${decorated}`} style={{ minHeight: handleColumnHeight(branches) }}>
      <Handle type="target" position={Position.Left} aria-label={`Input of ${id}`} className="!size-2.5 !border-slate-400 !bg-white" />
      {simple ? (
        <div className={`h-14 ${meta.accent}`} />
      ) : (
        <div className="flex items-center gap-2.5 px-3 py-2.5">
          <span aria-hidden="true" className={`flex size-8 shrink-0 items-center justify-center rounded-md font-mono text-sm font-semibold ${meta.accent}`}>
            {meta.glyph}
          </span>
          {/* Fixed line heights: the height declared in step-node-geometry.ts must not depend on the fonts. */}
          <span className="min-w-0">
            <span className="block h-5 truncate text-sm font-medium text-slate-900">{step.name ?? step.id}</span>
            <span className="block h-4 truncate text-xs text-slate-500">
              {meta.label}
              {step.name ? <span className="font-mono"> · {step.id}</span> : null}
            </span>
          </span>
        </div>
      )}
      {decoration && (
        <span className="absolute -top-2.5 left-2 rounded-full border border-current bg-white px-1.5 text-[10px] leading-4 font-semibold tracking-wide uppercase">
          {decoration}
        </span>
      )}
      {runState && (
        <span
          role="status"
          aria-label={`${step.id} state`}
          className={`absolute -bottom-2.5 left-2 max-w-[184px] truncate rounded-full px-1.5 text-[10px] leading-4 font-medium ${runStateStyles[runState.status].pill}`}
        >
          {runState.label}
        </span>
      )}
      {issues.length > 0 && (
        <span
          role="img"
          aria-label={issues.length === 1 ? "1 problem" : `${issues.length} problems`}
          title={issues.map((issue) => issue.message).join("\n")}
          className="absolute -top-2 -right-2 flex size-5 items-center justify-center rounded-full bg-rose-600 text-[11px] font-semibold text-white shadow"
        >
          {issues.length}
        </span>
      )}
      {branches === null ? (
        <Handle type="source" position={Position.Right} aria-label={`Output of ${id}`} className="!size-2.5 !border-slate-400 !bg-white" />
      ) : (
        branches.map((branch, index) => (
          <BranchHandle key={branch} stepId={id} branch={branch} top={`${branchTop(index, branches.length) * 100}%`} showLabel={!simple} />
        ))
      )}
      {hasErrorHandle(step) && <ErrorHandle stepId={id} showLabel={!simple} />}
    </div>
  );
}

/** The `error` edge leaves from the bottom: taken when the step fails for good (after its retries). */
function ErrorHandle({ stepId, showLabel }: { stepId: string; showLabel: boolean }) {
  return (
    <Handle
      type="source"
      id="error"
      position={Position.Bottom}
      style={{ left: `${errorHandleLeft * 100}%` }}
      aria-label={`error branch of ${stepId}`}
      title="error branch: taken when the step fails for good"
      className="!size-2.5 !border-rose-500 !bg-rose-100"
    >
      {showLabel && (
        <span className="pointer-events-none absolute top-3 left-1/2 -translate-x-1/2 rounded bg-white/90 px-1 text-[10px] leading-4 font-medium whitespace-nowrap text-rose-700 ring-1 ring-rose-200">
          error
        </span>
      )}
    </Handle>
  );
}

function BranchHandle({ stepId, branch, top, showLabel }: { stepId: string; branch: string; top: string; showLabel: boolean }) {
  return (
    <Handle
      type="source"
      id={branch}
      position={Position.Right}
      style={{ top }}
      aria-label={`${branch} branch of ${stepId}`}
      title={`${branch} branch`}
      className="!size-2.5 !border-amber-500 !bg-amber-100"
    >
      {showLabel && (
        <span className="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 rounded bg-white/90 px-1 text-[10px] leading-4 font-medium whitespace-nowrap text-amber-700 ring-1 ring-amber-200">
          {branch}
        </span>
      )}
    </Handle>
  );
}

export const StepNode = memo(StepNodeView);

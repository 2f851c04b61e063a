import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { RunStatusBadge } from "./run-status-badge";
import { WorkflowCardActions, type WorkflowCardActionsProps } from "./workflow-card-actions";
import type { WorkflowSummary } from "./workflow-summary";

/** `canEdit` false (viewers): no rename, duplicate or delete buttons. */
type WorkflowCardProps = { workflow: WorkflowSummary; canEdit: boolean } & Omit<WorkflowCardActionsProps, "name">;

/** One workflow; its name opens it in the designer. */
export function WorkflowCard({ workflow, canEdit, ...actions }: WorkflowCardProps) {
  const headingId = `workflow-${workflow.id}`;
  return (
    <article
      aria-labelledby={headingId}
      className="flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow-md"
    >
      <div className="flex items-center justify-between gap-3">
        <span className="truncate rounded-md bg-indigo-50 px-2 py-0.5 font-mono text-xs text-indigo-700">{workflow.namespace}</span>
        <RunStatusBadge status={workflow.lastRunStatus} />
      </div>
      <h2 id={headingId} className="mt-3 truncate text-base font-semibold text-slate-900">
        <Link
          href={`/workflows/${workflow.id}`}
          className="rounded-sm hover:text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {workflow.name}
        </Link>
      </h2>
      <p className="mt-1 line-clamp-2 flex-1 text-sm leading-6 text-slate-600">
        {workflow.description || <span className="text-slate-400 italic">No description</span>}
      </p>
      <div className="mt-4 flex items-end justify-between gap-3 border-t border-slate-100 pt-3">
        <dl className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500">
          <div className="flex items-center gap-1.5">
            <dt className="sr-only">Steps</dt>
            <StepsIcon />
            <dd>{workflow.stepCount === 1 ? "1 step" : `${workflow.stepCount} steps`}</dd>
          </div>
          <div>
            <dt className="sr-only">Created</dt>
            <dd>
              Created <RelativeTime date={workflow.createdAt} />
            </dd>
          </div>
          <div>
            <dt className="sr-only">Updated</dt>
            <dd>
              Updated <RelativeTime date={workflow.updatedAt} />
            </dd>
          </div>
        </dl>
        {canEdit && <WorkflowCardActions name={workflow.name} {...actions} />}
      </div>
    </article>
  );
}

function StepsIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden="true" className="size-3.5 fill-none stroke-current" strokeWidth="1.5">
      <rect x="1.5" y="2" width="5" height="4" rx="1" />
      <rect x="9.5" y="10" width="5" height="4" rx="1" />
      <path d="M4 6v3a1 1 0 0 0 1 1h4.5" strokeLinecap="round" />
    </svg>
  );
}

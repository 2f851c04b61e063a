import type { RunStatus } from "@/engine/definition";
import { runStatusStyles } from "@/components/runs/run-status-styles";

export function RunStatusPill({ status }: { status: RunStatus }) {
  return (
    <span role="status" aria-label="Run status" className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${runStatusStyles[status]}`}>
      {status}
    </span>
  );
}

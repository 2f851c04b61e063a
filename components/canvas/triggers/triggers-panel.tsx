"use client";
import type { ReactElement } from "react";
import { RestApiSection } from "./rest-api-section";
import { SchedulesSection } from "./schedules-section";
import { WebhookSection } from "./webhook-section";

export interface TriggersPanelProps {
  workflowId: string;
  /** Editors create, rotate and delete; viewers only see. */
  canEdit: boolean;
  /** The latest published version's number; null before the first publish. */
  latestVersion: number | null;
}

/**
 * The designer's "Triggers" tab: the ways to start runs of this workflow without the designer
 * (webhook, cron schedules, REST API). All of them run the latest published version.
 */
export function TriggersPanel({ workflowId, canEdit, latestVersion }: TriggersPanelProps): ReactElement {
  return (
    <div className="flex flex-col text-sm">
      {latestVersion === null ? (
        <p role="note" className="m-3 mb-0 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
          <span className="font-semibold">Not published yet.</span> Webhooks, schedules and the API start runs from the latest published version — publish first.
        </p>
      ) : (
        <p className="mx-3 mt-3 text-xs text-slate-500">Every trigger starts a run of the latest published version (now version {latestVersion}).</p>
      )}
      <WebhookSection workflowId={workflowId} canEdit={canEdit} />
      <SchedulesSection workflowId={workflowId} canEdit={canEdit} />
      <RestApiSection workflowId={workflowId} />
    </div>
  );
}

"use client";

import { useMemo } from "react";
import type { EditorStore } from "@/components/canvas/editor-store";
import { issuesAt } from "@/components/canvas/to-flow";
import type { StepDefinition } from "@/engine/definition/schema";
import { getStepSpec } from "@/engine/definition/step-specs";
import { AssignFields } from "./assign-fields";
import { CacheFields } from "./cache-fields";
import { CheckboxField } from "./checkbox-field";
import { describeConfigSchema } from "./config-fields";
import { ConfigForm } from "./config-form";
import { fieldDomId } from "./field-dom-id";
import { IssueMessages } from "./field-shell";
import { unclaimedIssues } from "./field-issues";
import { useInspector } from "./inspector-context";
import { JsonField } from "./json-field";
import { NumberField } from "./number-field";
import { RetryFields } from "./retry-fields";
import { stepClaims } from "./step-claims";
import { StepIdField } from "./step-id-field";
import { TextField } from "./text-field";
import { StepTestPanel } from "../test-runs/step-test-panel";
import { useStepEdits } from "./use-step-edits";
import { HelpText } from "@/components/ui/help-text";

type StepInspectorProps = { store: EditorStore; step: StepDefinition; index: number };

export function StepInspector({ store, step, index }: StepInspectorProps) {
  const { issues, testing, readOnly } = useInspector();
  const at = `steps[${index}]`;
  const spec = getStepSpec(step.type);
  const fields = useMemo(() => (spec ? describeConfigSchema(spec.configSchema) : null), [spec]);
  const edits = useStepEdits(store, step.id);
  const stepWide = unclaimedIssues(issuesAt(issues, at), stepClaims(index, step, fields));
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <h2 id={fieldDomId(at)} tabIndex={-1} className="flex items-center gap-2 text-sm font-semibold text-slate-900 focus:outline-none">
          <span className="rounded-md bg-indigo-50 px-2 py-0.5 font-mono text-xs text-indigo-700">{step.type}</span>
          <span className="truncate">{step.name || step.id}</span>
        </h2>
        {spec && (
          <p className="text-xs leading-5 text-slate-500">
            <HelpText text={spec.description} />
          </p>
        )}
      </header>
      {stepWide.length > 0 && (
        <div role="alert" aria-label="Step problems" className="rounded-md border border-rose-200 bg-rose-50 p-2">
          <IssueMessages issues={stepWide} />
        </div>
      )}
      <section className="space-y-3">
        <StepIdField path={`${at}.id`} stepId={step.id} rename={edits.rename} />
        <TextField path={`${at}.name`} label="Name" value={step.name ?? ""} placeholder={step.id} onChange={(name) => edits.patch({ name: name || undefined }, "name")} />
        <TextField path={`${at}.description`} label="Description" multiline value={step.description ?? ""} onChange={(text) => edits.patch({ description: text || undefined }, "description")} />
      </section>
      <section aria-labelledby={fieldDomId(`${at}.config`)} className="space-y-3 border-t border-slate-100 pt-4">
        <h3 id={fieldDomId(`${at}.config`)} tabIndex={-1} className="text-xs font-semibold tracking-wide text-slate-500 uppercase focus:outline-none">
          Configuration
        </h3>
        {fields ? (
          <ConfigForm fields={fields} base={`${at}.config`} value={step.config ?? {}} edit={edits.editConfig} />
        ) : (
          <JsonField path={`${at}.config`} label="Config (JSON)" requireObject value={step.config ?? {}} onChange={(config) => edits.editConfig([], config ?? {}, true)} />
        )}
      </section>
      <div className="space-y-5 border-t border-slate-100 pt-4">
        <RetryFields at={at} retry={step.retry} edit={edits.editRetry} />
        <NumberField path={`${at}.timeoutMs`} label="Timeout (ms)" integer value={step.timeoutMs} placeholder="No timeout" onChange={(timeoutMs) => edits.patch({ timeoutMs }, "timeoutMs")} />
        <CacheFields at={at} cache={step.cache} onChange={(cache, merge) => edits.patch({ cache }, merge ? "cache" : undefined)} />
        <CheckboxField
          path={`${at}.optional`}
          label="Optional: the run goes on if this step fails"
          checked={step.optional === true}
          onChange={(optional) => edits.patch({ optional: optional || undefined })}
        />
        <AssignFields at={at} assign={step.assign} onChange={(assign, merge) => edits.patch({ assign }, merge ? "assign" : undefined)} />
      </div>
      {testing && !readOnly && <StepTestPanel stepId={step.id} testing={testing} />}
    </div>
  );
}

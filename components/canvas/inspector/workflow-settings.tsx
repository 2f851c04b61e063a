"use client";

import { useStore } from "zustand";
import type { EditorStore } from "@/components/canvas/editor-store";
import { limits } from "@/engine/definition/limits";
import { CodeField } from "./code-field";
import { fieldDomId } from "./field-dom-id";
import { JsonField } from "./json-field";
import { NumberField } from "./number-field";
import { TextField } from "./text-field";

/** Shown when no step is selected. Name, namespace and description are renamed in the designer header. */
export function WorkflowSettings({ store }: { store: EditorStore }) {
  const definition = useStore(store, (state) => state.definition);
  const update = store.getState().updateWorkflow;
  return (
    <div className="space-y-5">
      <header className="space-y-1">
        <h2 className="text-sm font-semibold text-slate-900">Workflow settings</h2>
        <p id={fieldDomId("name")} tabIndex={-1} className="truncate text-xs text-slate-500 focus:outline-none">
          <span className="font-medium text-slate-700">Name:</span> {definition.name}
        </p>
      </header>
      <TextField
        path="title"
        label="Display name"
        hint="What people read (“Order sync”); the name above stays the identifier."
        value={definition.title ?? ""}
        onChange={(title) => update({ title: title || undefined }, { mergeKey: "workflow.title" })}
      />
      <JsonField
        path="input"
        label="Input schema"
        hint="JSON Schema of the run input; empty accepts any input."
        requireObject
        value={definition.input}
        onChange={(input) => update({ input: input as Record<string, unknown> | undefined }, { mergeKey: "workflow.input" })}
      />
      <CodeField
        path="output"
        label="Output"
        hint="JSONata giving the run's output; when empty, the output is each completed end step's output by its id: { endStepId: … }."
        language="jsonata"
        value={definition.output ?? ""}
        onChange={(output) => update({ output: output || undefined }, { mergeKey: "workflow.output" })}
      />
      <NumberField
        path="maxParallel"
        label="Max parallel steps"
        integer
        value={definition.maxParallel}
        placeholder={`Default: ${limits.defaultMaxParallel}`}
        onChange={(maxParallel) => update({ maxParallel }, { mergeKey: "workflow.maxParallel" })}
      />
    </div>
  );
}

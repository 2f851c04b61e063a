"use client";
import Form from "@rjsf/core";
import type { ErrorSchema, RJSFSchema, UiSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import { useEffect, useEffectEvent, useImperativeHandle, useRef, useState, type Ref } from "react";
import type { FieldErrors } from "./run-input";

/** What the dialog asks of the form before it starts a run. */
export interface SchemaFormHandle {
  /** Validates against the schema as the server will (required, types, patterns…); shows the errors beside the fields. */
  validate(): boolean;
}

export interface SchemaFormProps {
  schema: Record<string, unknown>;
  formData: unknown;
  onChange(formData: unknown): void;
  /** The server's errors for fields, when a run was refused despite the form's own check. */
  serverErrors?: FieldErrors;
  disabled?: boolean;
  ref?: Ref<SchemaFormHandle>;
}

// The dialog's "Start run" button submits; the form renders fields only.
const uiSchema: UiSchema = { "ui:submitButtonOptions": { norender: true } };

// rjsf's default theme emits Bootstrap 3 class names; Tailwind's reset leaves them bare.
const look = [
  "[&_fieldset]:space-y-3 [&_legend]:mb-2 [&_legend]:font-medium",
  "[&_label]:mb-1 [&_label]:block [&_label]:font-medium [&_label]:text-slate-700",
  "[&_input:not([type=checkbox]):not([type=radio])]:w-full [&_select]:w-full [&_textarea]:w-full",
  "[&_input]:rounded-md [&_input]:border [&_input]:border-slate-300 [&_input]:px-2 [&_input]:py-1",
  "[&_select]:rounded-md [&_select]:border [&_select]:border-slate-300 [&_select]:px-2 [&_select]:py-1",
  "[&_textarea]:rounded-md [&_textarea]:border [&_textarea]:border-slate-300 [&_textarea]:px-2 [&_textarea]:py-1",
  "[&_.field-description]:text-xs [&_.field-description]:text-slate-500",
  "[&_.btn]:rounded-md [&_.btn]:border [&_.btn]:border-slate-300 [&_.btn]:px-2 [&_.btn]:text-xs",
  "[&_.text-danger]:text-rose-700 [&_.error-detail]:text-xs [&_.has-error_input]:border-rose-500",
].join(" ");

/**
 * A form generated from a run input JSON Schema (react-jsonschema-form with ajv). Loaded on demand:
 * ajv and rjsf are not part of the designer's first bundle. `validate()` checks what the server
 * will check before anything is sent; after a failed check the form re-checks as the person types.
 */
export default function SchemaForm({ schema, formData, onChange, serverErrors, disabled, ref }: SchemaFormProps) {
  const form = useRef<Form<unknown, RJSFSchema>>(null);
  const [checked, setChecked] = useState(false);
  // The form fills in the schema's defaults without an onChange: report them once mounted, so the
  // run and the raw JSON view start from what the fields show.
  const reportDefaults = useEffectEvent(() => {
    const shown = form.current?.state.formData;
    if (shown !== undefined) onChange(shown);
  });
  useEffect(() => reportDefaults(), []);
  useImperativeHandle(ref, () => ({
    validate() {
      setChecked(true);
      return form.current?.validateForm() ?? true;
    },
  }));

  return (
    <div className={look}>
      <Form<unknown, RJSFSchema>
        ref={form}
        schema={schema as RJSFSchema}
        uiSchema={uiSchema}
        validator={validator}
        formData={formData}
        onChange={(event) => onChange(event.formData)}
        extraErrors={serverErrors as ErrorSchema | undefined}
        liveValidate={checked ? "onChange" : undefined}
        focusOnFirstError
        disabled={disabled}
        idPrefix="run-input"
        noHtml5Validate
        showErrorList={false}
        // The errors are shown beside their fields; without a handler rjsf also logs them as console errors.
        onError={() => {}}
      />
    </div>
  );
}

"use client";

import { KeyValueRows } from "./key-value-rows";

type AssignFieldsProps = {
  /** Definition path of the step, e.g. `steps[2]`. */
  at: string;
  assign: Record<string, string> | undefined;
  onChange(assign: Record<string, string> | undefined, merge?: boolean): void;
};

/** `$vars` the step writes on completion: variable name → JSONata over its result (`$output`). */
export function AssignFields({ at, assign, onChange }: AssignFieldsProps) {
  return (
    <section className="space-y-2">
      <KeyValueRows path={`${at}.assign`} label="Assign" noun="Variable" keyLabel="Variable name" valueLabel="Expression" language="jsonata" value={assign} onChange={onChange} />
      <p className="text-xs text-slate-500">Each expression sees the step result as $output; later steps read it as $vars.name.</p>
    </section>
  );
}

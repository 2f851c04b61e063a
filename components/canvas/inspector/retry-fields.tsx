"use client";

import { retryPolicySchema, type RetryPolicy } from "@/engine/definition/schema";
import { CheckboxField } from "./checkbox-field";
import { describeConfigSchema } from "./config-fields";
import { ConfigForm } from "./config-form";
import type { Edit } from "./config-field";

const retryFields = describeConfigSchema(retryPolicySchema)!;
// The schema's default of one attempt means "no retry": ticking the box starts from three.
const retryStart: RetryPolicy = { ...retryPolicySchema.parse({}), maxAttempts: 3 };

type RetryFieldsProps = {
  /** Definition path of the step, e.g. `steps[2]`. */
  at: string;
  retry: Partial<RetryPolicy> | undefined;
  /** Writes below `retry`; an empty path sets (or with undefined, removes) the whole policy. */
  edit: Edit;
};

export function RetryFields({ at, retry, edit }: RetryFieldsProps) {
  return (
    <section aria-labelledby={`${at}-retry-heading`} className="space-y-3">
      <h3 id={`${at}-retry-heading`} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Retry
      </h3>
      <CheckboxField path={`${at}.retry`} label="Retry on failure" checked={retry !== undefined} onChange={(checked) => edit([], checked ? retryStart : undefined)} />
      {retry && <ConfigForm fields={retryFields} base={`${at}.retry`} value={retry} edit={edit} />}
    </section>
  );
}

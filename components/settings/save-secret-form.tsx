"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { z } from "zod";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { checkForm, formErrorsOf, type MutationError } from "@/components/workflows/form-errors";
import { secretNamePattern, secretNameRule } from "@/engine/definition/secret-refs";

const fields = ["name", "value"] as const;
/** The name rule of `secrets.set` (and of `$secrets.NAME` in definitions), checked before sending. */
const formSchema = z.object({
  name: z.string().trim().regex(secretNamePattern, `a secret name is ${secretNameRule}`),
  value: z.string().min(1, "value is empty"),
});

interface SaveSecretFormProps {
  /** Names the team has: saving one of them replaces its value. */
  existingNames: readonly string[];
  onSaved(): Promise<unknown>;
}

/**
 * Name and value (a password field); saving an existing name replaces its value. The value lives
 * in this form's state until it is sent, then is cleared: the answer never carries it back.
 */
export function SaveSecretForm({ existingNames, onSaved }: SaveSecretFormProps) {
  const trpc = useTRPC();
  const formId = useId();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [saved, setSaved] = useState<{ name: string; created: boolean } | null>(null);
  const save = useMutation(
    trpc.secrets.set.mutationOptions({
      gcTime: 0,
      onSuccess: (result) => {
        setSaved({ name: result.name, created: result.created });
        setName("");
        setValue("");
        save.reset(); // drops the mutation's copy of the value it sent
        void onSaved();
      },
    }),
  );
  const [checked, setChecked] = useState<MutationError | null>(null);
  const errors = formErrorsOf(checked ?? save.error, fields);
  const replacing = existingNames.includes(name.trim());

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (save.isPending) return;
    const refused = checkForm(formSchema, { name, value });
    setChecked(refused);
    if (!refused) save.mutate({ name, value });
  }

  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <form id={formId} aria-label="Save a secret" onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-start">
        <TextField
          label="Name"
          required
          value={name}
          onChange={(next) => setName(next.toUpperCase())}
          error={errors.fields.name}
          hint="Upper-case letters, digits and _, like STRIPE_KEY."
        />
        <TextField
          label="Value"
          type="password"
          autoComplete="new-password"
          required
          value={value}
          onChange={setValue}
          error={errors.fields.value}
          hint={replacing ? `Replaces the value of ${name.trim()}.` : "Up to 8,192 characters. It is never shown again after saving."}
        />
        <Button type="submit" variant="primary" disabled={save.isPending} className="sm:mt-6">
          {save.isPending ? "Saving…" : replacing ? "Replace secret" : "Save secret"}
        </Button>
      </form>
      <FormAlert message={errors.message} />
      <p role="status" className="text-sm text-emerald-800">
        {saved && `${saved.created ? "Saved" : "Replaced"} ${saved.name}. Its value is encrypted and will not be shown again.`}
      </p>
    </div>
  );
}

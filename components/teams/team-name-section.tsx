"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { formErrorsOf } from "@/components/workflows/form-errors";

const fields = ["name"] as const;

/** The team's name: a rename form for owners, plain text for everyone else. */
export function TeamNameSection({ team, canRename }: { team: { id: string; name: string }; canRename: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState(team.name);
  const rename = useMutation(
    trpc.teams.rename.mutationOptions({
      onSuccess: (renamed) => {
        setName(renamed.name);
        void queryClient.invalidateQueries({ queryKey: trpc.teams.me.queryKey() });
        router.refresh();
      },
    }),
  );
  const errors = formErrorsOf(rename.error, fields);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!rename.isPending) rename.mutate({ name });
  }

  if (!canRename) {
    return (
      <section aria-labelledby="team-name-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
        <h2 id="team-name-heading" className="text-sm font-medium text-slate-500">
          Team name
        </h2>
        <p className="mt-1 text-base font-semibold text-slate-900">{team.name}</p>
      </section>
    );
  }
  return (
    <form aria-label="Rename the team" onSubmit={submit} noValidate className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="flex-1">
          <TextField label="Team name" required value={name} onChange={setName} error={errors.fields.name} />
        </div>
        <Button type="submit" disabled={rename.isPending || name.trim() === team.name} className="sm:mt-6">
          {rename.isPending ? "Renaming…" : "Rename team"}
        </Button>
      </div>
      <FormAlert message={errors.message} />
      {rename.isSuccess && (
        <p role="status" className="text-xs text-emerald-700">
          Renamed to {rename.data.name}.
        </p>
      )}
    </form>
  );
}

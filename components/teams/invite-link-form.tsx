"use client";
import { useMutation } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { OneTimeSecret } from "@/components/settings/one-time-secret";
import { useOrigin } from "@/components/settings/use-origin";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/text-field";
import { formErrorsOf } from "@/components/workflows/form-errors";
import { asRole, roleOptions, selectStyle, withArticle, type Role } from "./roles";

const expiryOptions = [
  { hours: 1, label: "1 hour" },
  { hours: 24, label: "1 day" },
  { hours: 168, label: "7 days" },
  { hours: 720, label: "30 days" },
];
const fields = ["role", "expiresInHours"] as const;

/** Role and expiry, then the new link shown once (kept in this component's state only). */
export function InviteLinkForm({ onCreated }: { onCreated(): void }) {
  const trpc = useTRPC();
  const origin = useOrigin();
  const roleId = useId();
  const expiryId = useId();
  const [role, setRole] = useState<Role>("editor");
  const [hours, setHours] = useState(168);
  const [created, setCreated] = useState<{ url: string; role: Role; expiresAt: Date } | null>(null);
  const create = useMutation(
    trpc.teams.invites.create.mutationOptions({
      // No cached copy of the answer (it holds the token) outlives this page.
      gcTime: 0,
      onSuccess: (invite) => {
        setCreated({ url: `${window.location.origin}${invite.path}`, role: invite.role, expiresAt: invite.expiresAt });
        onCreated();
      },
    }),
  );
  const errors = formErrorsOf(create.error, fields);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!create.isPending) create.mutate({ role, expiresInHours: hours });
  }

  return (
    <div className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
      <form aria-label="Create an invite link" onSubmit={submit} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div>
          <label htmlFor={roleId} className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <select id={roleId} value={role} onChange={(event) => setRole(asRole(event.target.value) ?? "viewer")} className={`mt-1 ${selectStyle}`}>
            {roleOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={expiryId} className="block text-sm font-medium text-slate-800">
            Expires after
          </label>
          <select id={expiryId} value={hours} onChange={(event) => setHours(Number(event.target.value))} className={`mt-1 ${selectStyle}`}>
            {expiryOptions.map((option) => (
              <option key={option.hours} value={option.hours}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="primary" disabled={create.isPending || !origin}>
          {create.isPending ? "Creating…" : "Create invite link"}
        </Button>
      </form>
      <p className="text-xs text-slate-500">
        {capitalized(withArticle(role))} {roleOptions.find((option) => option.value === role)?.can}. A link works once, for whoever opens it first.
      </p>
      <FormAlert message={errors.message ?? errors.fields.role ?? errors.fields.expiresInHours ?? null} />
      {created && (
        <OneTimeSecret
          label="Invite link"
          value={created.url}
          copyLabel="Copy invite link"
          note={`Send it to the person you invite: it lets one person join as ${created.role} until ${created.expiresAt.toLocaleString("en")}.`}
          onDismiss={() => setCreated(null)}
        />
      )}
    </div>
  );
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

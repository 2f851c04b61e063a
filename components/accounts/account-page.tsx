"use client";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/trpc-context";
import { Button } from "@/components/ui/button";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { authClient } from "./auth-client";

/** `/settings/account`: who you are signed in as, and a new password. */
export function AccountPage({ minPasswordLength }: { minPasswordLength: number }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.teams.me.queryOptions());
  return (
    <section aria-labelledby="account-heading" className="flex max-w-xl flex-col gap-6">
      <div>
        <h1 id="account-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
          Account
        </h1>
        {me.data && (
          <p className="mt-1 text-sm text-slate-500">
            Signed in as {me.data.user.name} ({me.data.user.email}).
          </p>
        )}
      </div>
      <ChangePasswordForm minPasswordLength={minPasswordLength} />
    </section>
  );
}

function ChangePasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tooShort, setTooShort] = useState(false);
  const [changed, setChanged] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChanged(false);
    setError(null);
    setTooShort(newPassword.length < minPasswordLength);
    if (newPassword.length < minPasswordLength || !currentPassword) return;
    setBusy(true);
    const { error: failure } = await authClient.changePassword({ currentPassword, newPassword, revokeOtherSessions: signOutOthers });
    setBusy(false);
    if (failure) return setError(failure.code === "INVALID_PASSWORD" ? "The current password is not right." : (failure.message ?? "The password could not be changed."));
    setCurrentPassword("");
    setNewPassword("");
    setChanged(true);
  }

  return (
    <form aria-label="Change password" onSubmit={submit} noValidate className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-xs">
      <h2 className="text-base font-semibold text-slate-900">Change password</h2>
      <TextField label="Current password" type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrentPassword} required />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={setNewPassword}
        hint={`At least ${minPasswordLength} characters.`}
        error={tooShort ? `Use at least ${minPasswordLength} characters.` : undefined}
        required
      />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={signOutOthers} onChange={(event) => setSignOutOthers(event.target.checked)} />
        Sign out my other sessions
      </label>
      <FormAlert message={error} />
      <p role="status" className="text-sm text-emerald-800">
        {changed && "Password changed."}
      </p>
      <div>
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Changing…" : "Change password"}
        </Button>
      </div>
    </form>
  );
}

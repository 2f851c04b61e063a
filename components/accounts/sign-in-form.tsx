"use client";
import Link from "next/link";
import { useState } from "react";
import { TextField } from "@/components/ui/text-field";
import { AccountForm } from "./account-form";
import { authClient } from "./auth-client";
import { safeNextPath } from "./next-path";

export function SignInForm({ next }: { next: string | null }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signIn() {
    if (!email.trim() || !password) return setError("Enter your email and password.");
    setBusy(true);
    setError(null);
    const { error: failure } = await authClient.signIn.email({ email: email.trim(), password });
    if (failure) {
      setBusy(false);
      return setError(failure.status === 401 ? "Wrong email or password." : (failure.message ?? "Could not sign in."));
    }
    // A full navigation, so every server-rendered part sees the new cookie.
    window.location.assign(safeNextPath(next));
  }

  return (
    <AccountForm
      title="Sign in to Orka"
      submitLabel="Sign in"
      busy={busy}
      error={error}
      onSubmit={signIn}
      footer={
        <>
          New here? Ask an owner of your team for an invite link.{" "}
          <Link href="/sign-up" className="font-medium text-indigo-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <TextField label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} required />
      <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={setPassword} required />
    </AccountForm>
  );
}

"use client";
import Link from "next/link";
import { useState } from "react";
import { TextField } from "@/components/ui/text-field";
import { AccountForm } from "./account-form";
import { authClient } from "./auth-client";

interface SignUpFormProps {
  /** The invite this sign-up uses; null for the install's first person. */
  inviteToken: string | null;
  title: string;
  intro: string;
  minPasswordLength: number;
}

export function SignUpForm({ inviteToken, title, intro, minPasswordLength }: SignUpFormProps) {
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ name?: string; email?: string; password?: string }>({});

  async function signUp() {
    const problems = {
      name: name.trim() ? undefined : "Enter your name.",
      email: /^[^\s@]+@[^\s@]+$/.test(email.trim()) ? undefined : "Enter an email address like ada@example.com.",
      password: password.length >= minPasswordLength ? undefined : `Use at least ${minPasswordLength} characters.`,
    };
    setFieldErrors(problems);
    if (problems.name || problems.email || problems.password) return;
    setBusy(true);
    setError(null);
    const { error: failure } = await authClient.signUp.email({
      name: name.trim(),
      email: email.trim(),
      password,
      ...(inviteToken ? { inviteToken } : {}),
    } as Parameters<typeof authClient.signUp.email>[0]);
    if (failure) {
      setBusy(false);
      return setError(failure.message ?? "Could not create the account.");
    }
    window.location.assign("/");
  }

  return (
    <AccountForm
      title={title}
      intro={intro}
      submitLabel="Create account"
      busy={busy}
      error={error}
      onSubmit={signUp}
      footer={
        <>
          Already have an account?{" "}
          <Link href={inviteToken ? `/sign-in?next=/invite/${encodeURIComponent(inviteToken)}` : "/sign-in"} className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <TextField label="Name" autoComplete="name" value={name} onChange={setName} error={fieldErrors.name} required />
      <TextField label="Email" type="email" autoComplete="email" value={email} onChange={setEmail} error={fieldErrors.email} required />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        error={fieldErrors.password}
        hint={`At least ${minPasswordLength} characters.`}
        required
      />
    </AccountForm>
  );
}

"use client";
import type { FormEvent, ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/text-field";

interface AccountFormProps {
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit(): void;
  children: ReactNode;
  footer?: ReactNode;
}

/** The card that sign-in and sign-up share: a heading, fields, one submit button, a form-level error. */
export function AccountForm({ title, intro, submitLabel, busy, error, onSubmit, children, footer }: AccountFormProps) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }
  return (
    <section className="mx-auto mt-6 w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {intro && <div className="mt-2 text-sm text-slate-600">{intro}</div>}
      <form className="mt-6 space-y-4" onSubmit={submit} noValidate>
        {children}
        <FormAlert message={error} />
        <Button type="submit" variant="primary" className="w-full" disabled={busy}>
          {busy ? `${submitLabel}…` : submitLabel}
        </Button>
      </form>
      {footer && <div className="mt-6 border-t border-slate-100 pt-4 text-sm text-slate-600">{footer}</div>}
    </section>
  );
}

"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert, TextField } from "@/components/ui/text-field";
import { useTRPC } from "@/components/trpc/trpc-context";
import { authClient } from "./auth-client";

/** For someone signed in who belongs to no team (removed from their last one): start a team, or wait for an invite. */
export function NoTeamPanel({ name }: { name: string }) {
  const trpc = useTRPC();
  const [teamName, setTeamName] = useState("");
  const create = useMutation(trpc.teams.create.mutationOptions({ onSuccess: () => window.location.assign("/") }));
  return (
    <section className="mx-auto mt-6 w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">You are not in a team yet</h1>
      <p className="mt-2 text-sm text-slate-600">
        Signed in as {name}. Open an invite link from a team owner, or start a team of your own.
      </p>
      <form
        className="mt-6 space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate({ name: teamName });
        }}
      >
        <TextField label="Team name" value={teamName} onChange={setTeamName} required />
        <FormAlert message={create.error?.message ?? null} />
        <Button type="submit" variant="primary" disabled={create.isPending}>
          Create team
        </Button>
      </form>
      <Button variant="ghost" className="mt-4" onClick={() => void authClient.signOut().then(() => window.location.assign("/sign-in"))}>
        Sign out
      </Button>
    </section>
  );
}

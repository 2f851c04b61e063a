"use client";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Who is signed in, and the way out. */
export function UserMenu({ name, email }: { name: string; email: string }) {
  const [busy, setBusy] = useState(false);
  async function signOut() {
    setBusy(true);
    // better-auth's client is needed only here: loaded on the way out, not with every page.
    const { authClient } = await import("./auth-client");
    await authClient.signOut();
    window.location.assign("/sign-in");
  }
  return (
    <div className="flex items-center gap-2">
      <Link href="/settings/account" className="hidden rounded-md px-1 text-right text-xs leading-tight text-slate-600 hover:bg-slate-100 lg:block" title={`${email}: account settings`}>
        <span className="block font-medium text-slate-800">{name}</span>
        {email}
      </Link>
      <Button variant="ghost" size="sm" onClick={() => void signOut()} disabled={busy}>
        Sign out
      </Button>
    </div>
  );
}

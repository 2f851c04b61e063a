import Link from "next/link";
import { OrkaLogo } from "./orka-logo";

export function AppHeader() {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 w-full max-w-6xl items-center justify-between px-6">
        <Link href="/" className="flex items-center gap-2.5 rounded-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600">
          <OrkaLogo className="size-8" />
          <span className="text-xl font-semibold tracking-tight text-slate-900">Orka</span>
        </Link>
        <nav aria-label="Main">
          <Link href="/" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
            Workflows
          </Link>
          <Link href="/runs" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
            Runs
          </Link>
          <Link href="/settings/api-keys" className="rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
            API keys
          </Link>
        </nav>
      </div>
    </header>
  );
}

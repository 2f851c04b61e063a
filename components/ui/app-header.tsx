import Link from "next/link";
import { UserMenu } from "@/components/accounts/user-menu";
import { TeamSwitcher } from "@/components/teams/team-switcher";
import { OrkaLogo } from "./orka-logo";
import { ThemeSwitch } from "./theme-switch";

const links = [
  { href: "/", label: "Workflows" },
  { href: "/runs", label: "Runs" },
  { href: "/templates", label: "Templates" },
  { href: "/audit", label: "Audit log" },
  { href: "/settings/team", label: "Settings" },
];

/** `person` is the signed-in person, or null on the sign-in pages (then only the logo shows). */
export function AppHeader({ person }: { person: { name: string; email: string } | null }) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 w-full max-w-6xl items-center justify-between gap-4 px-6">
        <div className="flex items-center gap-4">
          <Link href="/" className="flex items-center gap-2.5 rounded-md focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-indigo-600">
            <OrkaLogo className="size-8" />
            <span className="text-xl font-semibold tracking-tight text-slate-900">Orka</span>
          </Link>
          {person && <TeamSwitcher />}
        </div>
        {!person && <ThemeSwitch />}
        {person && (
          <div className="flex items-center gap-3">
            <nav aria-label="Main" className="flex items-center">
              {links.map((link) => (
                <Link key={link.href} href={link.href} className="rounded-md px-2.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900">
                  {link.label}
                </Link>
              ))}
            </nav>
            <ThemeSwitch />
            <UserMenu name={person.name} email={person.email} />
          </div>
        )}
      </div>
    </header>
  );
}

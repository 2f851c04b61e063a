import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/ui/app-header";
import { themeBootScript } from "@/components/ui/theme-boot";
import { TRPCReactProvider } from "@/components/trpc/trpc-react-provider";
import { getAppAuth } from "@/server/accounts/app-auth";
import { getSignedInPerson } from "@/server/auth";
import "./globals.css";

export const metadata: Metadata = {
  title: "Orka",
  description: "Design workflows visually and run them on an embedded, durable engine.",
  // The files in public/ are rendered from app/icon.svg (how: docs/README.md). Listing icons here
  // replaces Next's automatic <link> for app/icon.svg, so the SVG is listed too.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
  },
  manifest: "/site.webmanifest",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const requestHeaders = await headers(); // first: makes every page dynamic before anything reads the environment
  const person = await getSignedInPerson(getAppAuth(), requestHeaders);
  return (
    // The boot script sets the theme class on <html> before hydration: React is told to expect it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
      </head>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <TRPCReactProvider>
          <AppHeader person={person && { name: person.user.name, email: person.user.email }} />
          <main className="mx-auto w-full max-w-6xl px-6 py-10">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}

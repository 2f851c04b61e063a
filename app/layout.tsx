import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/ui/app-header";
import { TRPCReactProvider } from "@/components/trpc/trpc-react-provider";
import "./globals.css";

export const metadata: Metadata = {
  title: "Orka",
  description: "Design workflows visually and run them on an embedded, durable engine.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <TRPCReactProvider>
          <AppHeader />
          <main className="mx-auto w-full max-w-6xl px-6 py-10">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}

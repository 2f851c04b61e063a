import type { Metadata } from "next";
import { AccountPage } from "@/components/accounts/account-page";
import { passwordLength } from "@/server/accounts/create-auth";

export const metadata: Metadata = { title: "Account · Orka" };

export default function AccountSettingsPage() {
  return <AccountPage minPasswordLength={passwordLength.min} />;
}

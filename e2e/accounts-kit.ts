import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/** The owner that auth.setup.ts signs up on the shared servers (the first person on each). */
export const e2eOwner = { name: "E2E Owner", email: "owner@e2e.test", password: "e2e owner password" } as const;

export type SharedServer = "examples" | "empty";

/** Where auth.setup.ts keeps the signed-in owner's cookies for a shared server. */
export function ownerState(server: SharedServer): string {
  return path.join(process.env.ORKA_E2E_DIR!, `${server}-owner.json`);
}

/** Signs up through better-auth's endpoint as a browser on `baseURL` would (its Origin). */
export async function signUpOverHttp(request: APIRequestContext, baseURL: string, person: { name: string; email: string; password: string }, inviteToken?: string) {
  const response = await request.post(`${baseURL}/api/auth/sign-up/email`, {
    headers: { origin: baseURL },
    data: { ...person, ...(inviteToken ? { inviteToken } : {}) },
  });
  if (!response.ok()) throw new Error(`sign-up of ${person.email} on ${baseURL}: ${response.status()} ${await response.text()}`);
}

import { request, test as setup } from "@playwright/test";
import { e2eOwner, ownerState, signUpOverHttp, type SharedServer } from "./accounts-kit";

// The shared servers start with nobody able to sign in: their first person becomes the owner of
// "My team", and every spec on them acts as that owner (accounts.spec.ts signs up on its own server).
const servers: Record<SharedServer, string> = { examples: process.env.ORKA_E2E_URL!, empty: process.env.ORKA_E2E_EMPTY_URL! };

for (const [server, baseURL] of Object.entries(servers) as [SharedServer, string][]) {
  setup(`sign up the owner of ${server}`, async () => {
    const context = await request.newContext();
    await signUpOverHttp(context, baseURL, e2eOwner);
    await context.storageState({ path: ownerState(server) });
    await context.dispose();
  });
}

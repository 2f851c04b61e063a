// Vitest's globalSetup: builds what tests import but git does not hold, so `npx vitest run` works
// on a fresh checkout.
import { ensureSandboxBundle } from "./sandbox-bundle.mjs";

export async function setup() {
  await ensureSandboxBundle();
}

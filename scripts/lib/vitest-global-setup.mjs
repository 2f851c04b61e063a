// Vitest's globalSetup: builds what tests import or run but git does not hold, so `npx vitest run`
// works on a fresh checkout.
import { ensureGeneratedCode } from "./generated-code.mjs";

export async function setup() {
  await ensureGeneratedCode();
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Deletes the e2e servers' temporary databases (only the folder playwright.config.ts made). */
export default function globalTeardown() {
  const folder = process.env.ORKA_E2E_DIR;
  if (folder && path.dirname(folder) === os.tmpdir() && path.basename(folder).startsWith("orka-e2e-")) {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

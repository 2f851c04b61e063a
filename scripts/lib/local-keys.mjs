// Keys an install needs and a fresh machine does not have: made once, kept in data/ (git-ignored),
// and handed to the server in its environment. Set them yourself to share them between servers.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./run.mjs";

const keys = {
  /** Signs session cookies (better-auth). */
  ORKA_AUTH_SECRET: { file: "auth-secret", make: () => randomBytes(32).toString("base64url") },
  /** Encrypts team secrets at rest (AES-256-GCM). */
  ORKA_SECRETS_KEY: { file: "secrets-key", make: () => randomBytes(32).toString("base64") },
};

/** `env` with every missing key filled from data/<file>, generated there on first use (mode 600). */
export function withLocalKeys(env) {
  const folder = path.join(repoRoot, "data");
  const filled = { ...env };
  for (const [name, { file, make }] of Object.entries(keys)) {
    if (filled[name]) continue;
    const where = path.join(folder, file);
    if (!fs.existsSync(where)) {
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(where, `${make()}\n`, { mode: 0o600, flag: "wx" });
      console.log(`orka: generated ${name} in data/${file} (keep it: sessions and saved secrets depend on it)`);
    }
    filled[name] = fs.readFileSync(where, "utf8").trim();
  }
  return filled;
}

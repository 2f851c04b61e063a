import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEngine, stderrLogger, type Engine, type WorkflowResolver } from "../../engine/index";
import { engineOptionsFromEnv } from "../../server/engine-host/engine-env";
import { openRunStore } from "../../server/engine-host/stores/open-run-store";
import { openTeamSecretResolver } from "../../server/secrets/database-secret-resolver";

/**
 * An engine on `--db`, or on a private temporary SQLite database removed afterwards. Runs of the
 * app's teams resumed on `--db` read their `$secrets` from it (with `ORKA_SECRETS_KEY` set here too).
  * `http` steps reach what `ORKA_HTTP_ALLOW` opens; the worker counts and composition limits come
 * from their variables (`engineOptionsFromEnv`), as in the server. `claim: false`: the engine runs only
 * the runs it starts, not unfinished runs other processes left (`orka run`).
 */
export async function withEngine<T>(db: string | undefined, resolver: WorkflowResolver, use: (engine: Engine) => Promise<T>, { claim = true } = {}): Promise<T> {
  const options = engineOptionsFromEnv();
  const temporary = db ? null : fs.mkdtempSync(path.join(os.tmpdir(), "orka-run-"));
  const store = await openRunStore(db ?? `file:${path.join(temporary!, "orka.db")}`);
  const secrets = db ? openTeamSecretResolver(db) : null;
  const engine = createEngine({ store, resolver, secrets: secrets?.resolver, ...options, leases: { ...options.leases, kind: "cli", claim }, logger: stderrLogger });
  try {
    await engine.start();
    return await use(engine);
  } finally {
    await engine.stop();
    await store.close();
    await secrets?.close();
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEngine, stderrLogger, type Engine, type WorkflowResolver } from "../../engine/index";
import { openRunStore } from "../../server/engine-host/stores/open-run-store";

/** An engine on `--db`, or on a private temporary SQLite database removed afterwards. */
export async function withEngine<T>(db: string | undefined, resolver: WorkflowResolver, use: (engine: Engine) => Promise<T>): Promise<T> {
  const temporary = db ? null : fs.mkdtempSync(path.join(os.tmpdir(), "orka-run-"));
  const store = await openRunStore(db ?? `file:${path.join(temporary!, "orka.db")}`);
  const engine = createEngine({ store, resolver, logger: stderrLogger });
  try {
    await engine.start();
    return await use(engine);
  } finally {
    await engine.stop();
    await store.close();
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}

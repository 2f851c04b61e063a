import type { Engine, Logger } from "../../../engine/index";
import type { Db } from "../../db/create-prisma-client";
import type { DatabaseTarget } from "../../db/database-url";
import { listenOn } from "../pg-channel-listener";
import { RunCommandProcessor, type TreeOwnership } from "./processor";
import { runCommandsChannel } from "./relay";

/**
 * Starts applying, in this engine process (an embedded web server or a worker), the operator
 * actions other servers forward through `run_commands`: woken by NOTIFY on PostgreSQL, and by a
 * poll every second (SQLite, or a lost LISTEN connection). Returns the function that stops it
 * once the command being applied is recorded.
 */
export function serveRunCommands({ db, engine, target, ownership, logger }: { db: Db; engine: Engine; target: DatabaseTarget; ownership: TreeOwnership; logger: Logger }): () => Promise<void> {
  const processor = new RunCommandProcessor({ db, engine, ownership, logger });
  processor.start();
  const listener = target.provider === "postgres" ? listenOn(target.url, runCommandsChannel, () => processor.wake()) : null;
  return async () => {
    await listener?.close();
    await processor.stop();
  };
}

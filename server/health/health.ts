import { databaseUrlFromEnv } from "../db/database-url";
import { engineModeFromEnv, type EngineMode } from "../engine-host/engine-mode-env";
import { enginePhase, type EnginePhase } from "../engine-host/engine-phase";
import { databaseAnswers } from "./database-check";

/** What `GET /api/health` answers: no session needed, so nothing in it names a team, a run or a secret. */
export interface HealthReport {
  status: "ok" | "error";
  engine: EnginePhase;
  /** `ORKA_ENGINE`: whether this server executes runs (`embedded`) or leaves them to workers (`off`). */
  engineMode: EngineMode;
  database: "ok" | "unreachable";
}

/**
 * 200 while the server can serve: the database answers and the engine is starting, recovering or
 * running. 503 when the database does not answer in time, the engine failed to start, or the
 * server is shutting down.
 */
export async function checkHealth(): Promise<{ httpStatus: 200 | 503; report: HealthReport }> {
  const database = (await databaseAnswers(databaseUrlFromEnv())) ? "ok" : "unreachable";
  const engine = enginePhase();
  const healthy = database === "ok" && engine !== "failed" && engine !== "stopping";
  return { httpStatus: healthy ? 200 : 503, report: { status: healthy ? "ok" : "error", engine, engineMode: engineModeFromEnv(), database } };
}

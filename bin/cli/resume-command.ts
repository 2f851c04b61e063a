import { withEngine } from "./engine-session.js";
import { fileResolver } from "./file-resolver.js";
import { exitCodeOf, runReport } from "./run-report.js";

/** Recovers the unfinished runs on `--db` (as any restarted engine does) and reports one of them. */
export async function resumeCommand(runId: string, db: string): Promise<number> {
  return withEngine(db, fileResolver(process.cwd()), async (engine) => {
    if (!(await engine.getRun(runId))) {
      process.stderr.write(`orka: run ${runId} not found in ${db.startsWith("file:") ? db : "the database"}\n`);
      return 2;
    }
    const finished = await engine.waitForRun(runId);
    process.stdout.write(`${JSON.stringify(runReport(finished))}\n`);
    return exitCodeOf(finished);
  });
}

import { withEngine } from "./engine-session";
import { fileResolver } from "./file-resolver";
import { exitCodeOf, runReport } from "./run-report";

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

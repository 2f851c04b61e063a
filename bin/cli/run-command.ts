import path from "node:path";
import { ValidationError } from "../../engine/index";
import { loadDefinitionFile, printIssues } from "./definition-file";
import { withEngine } from "./engine-session";
import { fileResolver } from "./file-resolver";
import { exitCodeOf, runReport } from "./run-report";

export async function runCommand(file: string, options: { input?: string; db?: string }): Promise<number> {
  const loaded = await loadDefinitionFile(file);
  if (!loaded.ok) {
    printIssues(loaded.issues);
    return 2;
  }
  let input: unknown = {};
  if (options.input !== undefined) {
    try {
      input = JSON.parse(options.input);
    } catch (error) {
      process.stderr.write(`--input: invalid JSON: ${(error as Error).message}\n`);
      return 2;
    }
  }
  return withEngine(options.db, fileResolver(path.dirname(path.resolve(file))), async (engine) => {
    let runId: string;
    try {
      ({ runId } = await engine.startRun({ definition: loaded.definition, input }));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      printIssues(error.issues);
      return 2;
    }
    process.stderr.write(`[orka] run ${runId} started\n`);
    const finished = await engine.waitForRun(runId);
    if (finished.run.status === "running") process.stderr.write(`[orka] run ${runId} is waiting for an operator\n`);
    process.stdout.write(`${JSON.stringify(runReport(finished))}\n`);
    return exitCodeOf(finished);
  }, { claim: false });
}

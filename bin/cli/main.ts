import { parseArgs } from "node:util";

export const usage = `usage:
  orka validate <file.json|file.yaml>
  orka run <file> [--input '<json>'] [--db <url>]
  orka resume <runId> --db <url>
  orka worker [--db <url>] [--metrics-port <port>]
                                           runs the runs of a database (default DATABASE_URL) until SIGTERM;
                                           serves GET /metrics (ORKA_METRICS_TOKEN) and /health on the port
  orka reset-password <email> --db <url>   prints a new random password; signs the person out

exit codes: 0 valid / run completed, 1 run failed (or waits for an operator), 2 invalid definition or input`;

/** Runs one command; resolves with the exit code. Results go to stdout, everything else to stderr. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { input: { type: "string" }, db: { type: "string" }, "metrics-port": { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help || !command) return printUsage(values.help ? 0 : 2);
    // Each command loads its own modules: `validate` never pays for the engine, SQLite, pg or Prisma.
    if (command === "validate" && positionals.length === 1) return await (await import("./validate-command")).validateCommand(positionals[0]!);
    if (command === "run" && positionals.length === 1) return await (await import("./run-command")).runCommand(positionals[0]!, values);
    if (command === "resume" && positionals.length === 1 && values.db) return await (await import("./resume-command")).resumeCommand(positionals[0]!, values.db);
    if (command === "worker" && positionals.length === 0) return await (await import("./worker-command")).workerCommand({ db: values.db, metricsPort: values["metrics-port"] });
    if (command === "reset-password" && positionals.length === 1 && values.db)
      return await (await import("./reset-password-command")).resetPasswordCommand(positionals[0]!, values.db);
    return printUsage(2);
  } catch (error) {
    process.stderr.write(`orka: ${(error as Error).message}\n`);
    return 2;
  }
}

function printUsage(code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${usage}\n`);
  return code;
}

// The `orka` CLI contract, tested from outside: every case spawns a real process (bin/orka, the
// compiled CLI). The cases run concurrently and one spawn serves several assertions where a single
// run can show them.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteRunStore } from "../../server/engine-host/stores/sqlite-run-store";

const root = path.resolve(import.meta.dirname, "../..");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-cli-test-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a command from the project root; a hung process is killed so the test fails instead of hanging. */
function exec(command: string, args: string[], timeoutMs = 45_000, extraEnv: Record<string, string> = {}): Promise<Exit> {
  const { NODE_OPTIONS: _ignored, ...inherited } = process.env;
  const env = { ...inherited, ...extraEnv };
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}

const orka = (...args: string[]) => exec(process.execPath, ["bin/orka", ...args]);

/** Writes a fixture (an object as JSON, a string as is) into this file's temporary folder. */
function fixture(name: string, content: unknown): string {
  const file = path.join(folder, name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
}

/** A spawn shared by several tests, started by the first that needs it. */
function shared<T>(start: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= start());
}

const stderrLines = (exit: Exit) => exit.stderr.split("\n").filter((line) => line.length > 0);

interface StepReport {
  status: string;
  attempts: number;
  output: unknown;
  error: { kind: string; message: string } | null;
  startedAt: string | null;
  finishedAt: string | null;
}
interface RunReport {
  runId: string;
  status: string;
  output: unknown;
  steps: Record<string, StepReport>;
}

/** The whole of stdout must be one JSON object of the documented shape. */
function parseReport(exit: Exit): RunReport {
  const report = JSON.parse(exit.stdout) as RunReport;
  expect(Object.keys(report).sort()).toEqual(["output", "runId", "status", "steps"]);
  expect(report.runId).toEqual(expect.any(String));
  for (const step of Object.values(report.steps)) {
    expect(Object.keys(step).sort()).toEqual(["attempts", "error", "finishedAt", "output", "startedAt", "status"]);
    expect(step.attempts).toEqual(expect.any(Number));
    if (step.error !== null) {
      expect(Object.keys(step.error).sort()).toEqual(["kind", "message"]);
      expect(["transient", "permanent", "timeout", "cancelled"]).toContain(step.error.kind);
    }
    for (const time of [step.startedAt, step.finishedAt]) if (time !== null) expect(new Date(time).toISOString()).toBe(time);
  }
  expect(exit.stderr).toContain(`[orka] run ${report.runId} started`);
  return report;
}

const base = { format: "orka/v1", name: "cli_test" };

const validJson = fixture("valid.json", {
  ...base,
  steps: [
    { id: "start", type: "noop" },
    { id: "check", type: "condition", config: { expression: "$input.total > 10" } },
    { id: "big", type: "noop" },
  ],
  edges: [
    { from: "start", to: "check" },
    { from: "check", to: "big", branch: "true" },
  ],
});

const validYaml = fixture(
  "valid.yaml",
  `format: orka/v1
name: cli_test_yaml
steps:
  - id: pick
    type: switch
    config:
      cases:
        - { label: low, expression: "$input.n < 10" }
  - { id: low_path, type: noop }
  - { id: other_path, type: noop }
edges:
  - { from: pick, to: low_path, branch: low }
  - { from: pick, to: other_path, branch: default }
`,
);

//   a ──> c ──true──> sk ──┐
//         └────false──────>b ──> later
const contract = fixture("contract.json", {
  ...base,
  input: { type: "object", required: ["n"], properties: { n: { type: "number" } } },
  steps: [
    { id: "a", type: "code", config: { source: "return { n: input.n, seen: Object.keys(steps), attempt }" }, assign: { doubled: "$output.n * 2" } },
    { id: "c", type: "condition", config: { expression: "$steps.a.output.n > 100" } },
    { id: "sk", type: "noop" },
    {
      id: "b",
      type: "code",
      config: { source: "return { seen: Object.keys(steps).sort(), a: steps.a, c: steps.c, vars, attempt, permanentError: typeof PermanentError }" },
    },
    {
      id: "flaky",
      type: "code",
      retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 10 },
      config: { source: 'if (attempt < 3) throw new Error("flaky"); return attempt' },
    },
    { id: "later", type: "noop" },
  ],
  edges: [
    { from: "a", to: "c" },
    { from: "c", to: "sk", branch: "true" },
    { from: "c", to: "b", branch: "false" },
    { from: "sk", to: "b" },
    { from: "b", to: "later" },
  ],
  output: '{ "b": $steps.b.output, "flaky": $steps.flaky.output }',
});

const invalid = fixture("invalid.json", {
  ...base,
  steps: [
    { id: "a", type: "noop" },
    { id: "c", type: "condition", config: { expression: "$input.x = " } },
    { id: "z", type: "no_such_type" },
    { id: "a", type: "noop" },
    { id: "d", type: "noop" },
    { id: "e", type: "noop" },
    { id: "h", type: "http", config: { method: "GET" } },
  ],
  edges: [
    { from: "a", to: "x" },
    { from: "a", to: "c" },
    { from: "c", to: "d" },
    { from: "c", to: "e", branch: "maybe" },
  ],
});

const cyclic = fixture(
  "cyclic.yaml",
  `format: orka/v1
name: cyclic
steps: [{ id: a, type: noop }, { id: b, type: noop }, { id: c, type: noop }]
edges: [{ from: a, to: b }, { from: b, to: c }, { from: c, to: b }]
`,
);

describe.concurrent("orka validate", () => {
  it("exits 0 on a valid JSON file and on a valid YAML file, printing nothing on stdout", async () => {
    const [json, yaml] = await Promise.all([orka("validate", validJson), orka("validate", validYaml)]);
    expect([json.code, json.stdout, json.stderr]).toEqual([0, "", expect.stringContaining("valid")]);
    expect([yaml.code, yaml.stdout, yaml.stderr]).toEqual([0, "", expect.stringContaining("valid")]);
  });

  it("exits 2 with one line per problem on stderr, each naming its path", async () => {
    const exit = await orka("validate", invalid);
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe("");
    const lines = stderrLines(exit);
    const expected = [
      /^steps\[1\]\.config\.expression: .*invalid expression/,
      /^steps\[2\]\.type: unknown step type "no_such_type"/,
      /^steps\[3\]\.id: duplicate step id "a"/,
      /^steps\[6\]\.config\.url: /,
      /^edges\[0\]\.to: unknown step "x"/,
      /^edges\[2\]\.branch: .*needs a branch/,
      /^edges\[3\]\.branch: "c" has no branch "maybe"/,
    ];
    for (const pattern of expected) expect(lines.filter((line) => pattern.test(line)), String(pattern)).toHaveLength(1);
    expect(lines).toHaveLength(expected.length);
  });

  it("reports a cycle with a path", async () => {
    const exit = await orka("validate", cyclic);
    expect([exit.code, exit.stdout]).toEqual([2, ""]);
    expect(stderrLines(exit)).toEqual([expect.stringMatching(/^edges\[\d\][.\w]*: .*cycle.*b.*c.*b/)]);
  });

  it("works as `npx orka validate <file>` from the project root", async () => {
    const exit = await exec("npx", ["orka", "validate", validJson], 60_000);
    expect([exit.code, exit.stdout]).toEqual([0, ""]);
    expect(exit.stderr).toContain(`${validJson}: valid (3 steps)`);
  });
});

describe.concurrent("each command loads only what it needs", () => {
  // Records every package a process imports (an ES module resolve hook, registered with --import).
  const hook = fixture(
    "resolve-hook.mjs",
    `import fs from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  if (!/^(node:|\\.|\\/|file:|data:)/.test(specifier)) fs.appendFileSync(log, specifier + "\\n");
  return next(specifier, context);
}`,
  );
  const register = fixture(
    "record-imports.mjs",
    `import { register } from "node:module";
register(${JSON.stringify(pathToFileURL(hook).href)}, { data: { log: process.env.ORKA_TEST_IMPORT_LOG } });`,
  );
  const importsOf = async (name: string, ...args: string[]) => {
    const log = path.join(folder, `${name}-imports.log`);
    const exit = await exec(process.execPath, ["--import", pathToFileURL(register).href, "bin/orka", ...args], 45_000, { ORKA_TEST_IMPORT_LOG: log });
    return { exit, packages: new Set(fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").filter(Boolean) : []) };
  };
  const heavy = ["better-sqlite3", "pg", "@prisma/client", "quickjs-emscripten", "better-auth"];

  it("validate imports no database driver, Prisma, QuickJS or auth library", async () => {
    const { exit, packages } = await importsOf("validate", "validate", validJson);
    expect(exit.code).toBe(0);
    expect(heavy.filter((name) => [...packages].some((loaded) => loaded === name || loaded.startsWith(`${name}/`)))).toEqual([]);
  });

  it("run imports the SQLite driver (the recording sees what a command loads)", async () => {
    const { exit, packages } = await importsOf("run", "run", validJson, "--input", '{"total": 20}');
    expect(exit.code).toBe(0);
    expect(packages).toContain("better-sqlite3");
  });
});

describe.concurrent("orka run", () => {
  const completed = shared(() => orka("run", contract, "--input", '{"n": 3}'));

  it("prints one JSON report and exits 0 when the run completed", async () => {
    const exit = await completed();
    const report = parseReport(exit);
    expect(exit.code).toBe(0);
    expect(report.status).toBe("completed");
    expect(report.output).toEqual({ b: expect.any(Object), flaky: 3 });
    expect(Object.keys(report.steps).sort()).toEqual(["a", "b", "c", "flaky", "later", "sk"]);
    expect(report.steps.sk).toMatchObject({ status: "skipped", attempts: 0, output: null, error: null, startedAt: null });
    expect(report.steps.later).toMatchObject({ status: "completed", attempts: 1, error: null });
    expect(report.steps.later!.startedAt).not.toBeNull();
  });

  it("retries a transient error until it succeeds", async () => {
    const report = parseReport(await completed());
    expect(report.steps.flaky).toMatchObject({ status: "completed", attempts: 3, output: 3, error: null });
  });

  it("gives a code step input, attempt, PermanentError, vars from an earlier assign, and steps holding {output} of finished steps only", async () => {
    const { steps } = parseReport(await completed());
    expect(steps.a!.output).toEqual({ n: 3, seen: [], attempt: 1 });
    // `sk` was skipped, `later` has not run yet and `b` itself is running: none of them is in `steps`.
    expect(steps.b!.output).toEqual({
      seen: ["a", "c"],
      a: { output: { n: 3, seen: [], attempt: 1 } },
      c: { output: false },
      vars: { doubled: 6 },
      attempt: 1,
      permanentError: "function",
    });
  });

  const failing = fixture("failing.json", {
    ...base,
    steps: [
      { id: "fail_step", type: "fail", config: { message: "stop here" } },
      { id: "after_fail", type: "noop" },
      {
        id: "permanent",
        type: "code",
        retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 10 },
        config: { source: 'throw new PermanentError("bad order")' },
      },
      { id: "throws_string", type: "code", config: { source: 'throw "a string"' } },
      { id: "throws_number", type: "code", config: { source: "throw 42" } },
      { id: "loops", type: "code", timeoutMs: 500, config: { source: "while (true) {}" } },
      {
        // A generous timeout, so that the memory limit (not the default 5 s timeout) has to stop it.
        id: "allocates",
        type: "code",
        timeoutMs: 30_000,
        config: { source: 'const a = []; while (true) a.push({ i: a.length, s: "x".repeat(100) })' },
      },
    ],
    edges: [{ from: "fail_step", to: "after_fail" }],
  });
  const failed = shared(() => orka("run", failing));

  it("exits 1 with the report when the run failed: a fail step, a PermanentError (never retried)", async () => {
    const exit = await failed();
    const report = parseReport(exit);
    expect([exit.code, exit.signal]).toEqual([1, null]);
    expect(report.status).toBe("failed");
    expect(report.steps.fail_step).toMatchObject({ status: "failed", attempts: 1, error: { kind: "permanent", message: "stop here" } });
    expect(report.steps.after_fail).toMatchObject({ status: "pending", attempts: 0, startedAt: null });
    expect(report.steps.permanent).toMatchObject({ status: "failed", attempts: 1, error: { kind: "permanent", message: "bad order" } });
  });

  it("turns a thrown non-Error into a transient error with a clear message", async () => {
    const { steps } = parseReport(await failed());
    expect(steps.throws_string).toMatchObject({ status: "failed", error: { kind: "transient", message: expect.stringContaining("a string") } });
    expect(steps.throws_number).toMatchObject({ status: "failed", error: { kind: "transient", message: expect.stringContaining("42") } });
  });

  it("stops an infinite loop at the step's timeoutMs", async () => {
    const { steps } = parseReport(await failed());
    expect(steps.loops).toMatchObject({ status: "failed", attempts: 1, error: { kind: "timeout", message: expect.stringMatching(/500 ms/) } });
    // A lower bound only (a busy machine cannot fail it): the loop ran until its deadline. That the
    // deadline was the step's 500 ms, not the 5 s default, the message says.
    const took = Date.parse(steps.loops!.finishedAt!) - Date.parse(steps.loops!.startedAt!);
    expect(took).toBeGreaterThanOrEqual(450);
  });

  it("fails a runaway allocation with a clear memory error, without taking the process down", async () => {
    const exit = await failed();
    const { steps } = parseReport(exit);
    expect(exit.code).toBe(1);
    expect(steps.allocates).toMatchObject({ status: "failed", error: { message: expect.stringMatching(/memory/i) } });
  });

  it("exits 2 on an invalid definition, with the problems on stderr and nothing run", async () => {
    const database = path.join(folder, "invalid-definition.db");
    const exit = await orka("run", invalid, "--db", `file:${database}`);
    expect([exit.code, exit.stdout]).toEqual([2, ""]);
    expect(exit.stderr).toMatch(/^edges\[0\]\.to: unknown step "x"$/m);
    expect(storedRunCount(database)).toBe(0);
  });

  it("exits 2 on --input that is not JSON, and on input that does not match the input schema", async () => {
    const notJsonDb = path.join(folder, "input-not-json.db");
    const mismatchDb = path.join(folder, "input-mismatch.db");
    const [notJson, mismatch] = await Promise.all([
      orka("run", contract, "--input", '{"n": ', "--db", `file:${notJsonDb}`),
      orka("run", contract, "--input", '{"n": "three"}', "--db", `file:${mismatchDb}`),
    ]);
    expect([notJson.code, notJson.stdout]).toEqual([2, ""]);
    expect(notJson.stderr).toMatch(/--input: invalid JSON/);
    expect([mismatch.code, mismatch.stdout]).toEqual([2, ""]);
    expect(mismatch.stderr).toMatch(/^input\.n: must be number$/m);
    expect(mismatch.stderr).not.toContain("[orka] run");
    expect(storedRunCount(notJsonDb)).toBe(0);
    expect(storedRunCount(mismatchDb)).toBe(0);
  });

  it("stores the run in the database named by --db file:<path>", async () => {
    const database = path.join(folder, "stored.db");
    const exit = await orka("run", validJson, "--input", '{"total": 20}', "--db", `file:${database}`);
    const report = parseReport(exit);
    expect(exit.code).toBe(0);

    const store = SqliteRunStore.open(database);
    try {
      const stored = await store.loadRun(report.runId);
      expect(stored?.run.status).toBe("completed");
      expect(Object.fromEntries(stored!.steps.map((step) => [step.stepId, step.status]))).toEqual({
        start: "completed",
        check: "completed",
        big: "completed",
      });
      const events = await store.listEvents(report.runId, 0);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
      expect(events[0]?.type).toBe("run.started");
      expect(events.at(-1)?.type).toBe("run.completed");
      expect(events.filter((event) => event.type === "step.completed").map((event) => event.stepId).sort()).toEqual(["big", "check", "start"]);
    } finally {
      await store.close();
    }
  });
});

describe.concurrent("bad input never crashes the CLI", () => {
  // Node's JSON.parse names a position for some syntax errors only; each must still be located.
  it.each([
    ["a missing comma", '{\n  "format": "orka/v1",\n  "name": "x"\n  "steps": []\n}', /line 4, column \d+/],
    ["a stray token", '{\n  "format": "orka/v1",\n  "steps": [,]\n}', /line 3, column \d+|position \d+/],
    ["a truncated file", '{\n  "format": "orka/v1",\n  "steps": [', /line \d+, column \d+|position \d+|end of/],
  ])("a malformed JSON file with %s: exit 2 and a message with its position", async (label, text, position) => {
    const exit = await orka("validate", fixture(`malformed-${label.replaceAll(" ", "-")}.json`, text));
    expect([exit.code, exit.signal, exit.stdout]).toEqual([2, null, ""]);
    expect(stderrLines(exit)).toEqual([expect.stringMatching(/invalid JSON/)]);
    expect(exit.stderr).toMatch(position);
  });

  it("a 50 MB file: exit 2 naming the 1 MB limit, without reading it", async () => {
    const file = path.join(folder, "huge.json");
    const filler = "x".repeat(1_000_000);
    const handle = fs.openSync(file, "w");
    fs.writeSync(handle, '{"format": "orka/v1", "name": "huge", "description": "');
    for (let i = 0; i < 50; i++) fs.writeSync(handle, filler);
    fs.writeSync(handle, '", "steps": [], "edges": []}');
    fs.closeSync(handle);

    const exit = await orka("run", file);
    expect([exit.code, exit.signal, exit.stdout]).toEqual([2, null, ""]);
    // The size comes from the file's metadata; a hung read is killed by exec's timeout (a signal), a crash exits otherwise.
    expect(stderrLines(exit)).toEqual([expect.stringMatching(/50(\.0)? MB.*limit is 1(\.0)? MB/)]);
  });

  it("a definition with 5,000 steps: exit 2 naming the 2,000 limit", async () => {
    const steps = Array.from({ length: 5_000 }, (_, index) => ({ id: `s${index}`, type: "noop" }));
    const exit = await orka("validate", fixture("steps-5000.json", { ...base, steps, edges: [] }));
    expect([exit.code, exit.signal, exit.stdout]).toEqual([2, null, ""]);
    expect(stderrLines(exit)).toEqual([expect.stringMatching(/^steps: .*\b2,?000\b/)]);
  });
});

/** Runs stored in a database file the CLI may have created (0 when it never created one). */
function storedRunCount(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const db = new Database(file, { readonly: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get();
    return table ? (db.prepare("SELECT count(*) AS count FROM runs").get() as { count: number }).count : 0;
  } finally {
    db.close();
  }
}

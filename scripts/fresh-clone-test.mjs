// A check of `npm test`: the committed state (HEAD) works right after `git clone` + `npm install`:
// `npx orka validate` and `npx orka run` on a small definition, with nothing else run before.
// Takes 2–3 minutes, mostly better-sqlite3 compiling; packages come from the npm cache when they can.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { baseEnv, formatDuration, repoRoot } from "./lib/run.mjs";

const definition = {
  format: "orka/v1",
  name: "fresh_clone",
  steps: [
    { id: "start", type: "noop", assign: { total: "$input.total" } },
    { id: "big", type: "condition", config: { expression: "$vars.total > 100" } },
    { id: "double", type: "code", config: { source: "return { doubled: vars.total * 2 }" } },
  ],
  edges: [
    { from: "start", to: "big" },
    { from: "big", to: "double", branch: "true" },
  ],
  output: "$steps.double.output",
};

/** Runs a command in `cwd`; resolves with its output, rejects (with the output) unless it exits `expectedCode`. */
function run(command, args, cwd, expectedCode = 0) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...baseEnv, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === expectedCode) resolve({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(" ")} ${signal ? `was killed by ${signal}` : `exited with ${code}`}\n${(stdout + stderr).slice(-3000)}`));
    });
  });
}

async function step(label, action) {
  const started = Date.now();
  const result = await action();
  console.log(`  ✔ ${label} (${formatDuration(Date.now() - started)})`);
  return result;
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "orka-fresh-clone-"));
const clone = path.join(folder, "orka");
try {
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
  await step(`git clone (HEAD ${head.slice(0, 7)}, committed state only)`, async () => {
    await run("git", ["clone", "--quiet", "--no-checkout", repoRoot, clone], folder);
    await run("git", ["checkout", "--quiet", "--detach", head], clone);
  });
  await step("npm install", () => run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], clone));

  const file = path.join(folder, "small.json");
  fs.writeFileSync(file, JSON.stringify(definition, null, 2));
  await step("npx orka validate small.json", async () => {
    const { stderr } = await run("npx", ["orka", "validate", file], clone);
    if (!stderr.includes("valid (3 steps)")) throw new Error(`orka validate said: ${stderr}`);
  });
  await step("npx orka run small.json (noop, condition, code step)", async () => {
    const { stdout } = await run("npx", ["orka", "run", file, "--input", '{"total": 120}'], clone);
    const report = JSON.parse(stdout);
    if (report.status !== "completed" || report.output?.doubled !== 240) throw new Error(`orka run printed: ${stdout}`);
  });
  await step("npx orka validate on an invalid definition exits 2", async () => {
    const invalid = path.join(folder, "invalid.json");
    fs.writeFileSync(invalid, JSON.stringify({ ...definition, edges: [{ from: "start", to: "nowhere" }] }));
    const { stderr } = await run("npx", ["orka", "validate", invalid], clone, 2);
    if (!/edges\[0\]\.to: unknown step "nowhere"/.test(stderr)) throw new Error(`orka validate said: ${stderr}`);
  });
} catch (error) {
  console.error(`fresh clone: ${error.message}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}

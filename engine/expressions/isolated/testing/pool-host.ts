// A process that owns an evaluator pool, for orphans.test.ts. Prints its children's pids once one
// is up, then, by the mode in argv[2]: "busy" keeps a child busy (in a catastrophic regex) and
// waits to be killed; "exit" calls process.exit(0); "return" just lets its event loop run dry.
import { IsolatedEvaluatorPool } from "../pool";

const mode = process.argv[2];
const pool = new IsolatedEvaluatorPool();
await pool.evaluate({ source: "1 + 1", timeoutMs: 1_000, input: null, bindings: {} });
if (mode === "busy") {
  pool.evaluate({ source: "$contains($input.s, /(a+)+$/)", timeoutMs: 600_000, input: { s: `${"a".repeat(40)}!` }, bindings: {} }).catch(() => {});
  setInterval(() => {}, 60_000);
}
console.log(JSON.stringify({ pids: pool.childPidsForTests() }));
if (mode === "exit") process.exit(0);

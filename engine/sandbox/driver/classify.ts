import type { FailureRecord, OutcomeText } from "./record";

/**
 * Turns a failure record from `run` into an outcome text: "p" permanent, "t" transient, "m" memory.
 * A thrown `null` is prefixed with "n": QuickJS throws null when it cannot allocate even its "out of
 * memory" error, and only the worker can tell (from the wasm heap) which it was; the rest is the
 * outcome of a genuine `throw null`. Messages are clipped here so a huge string never reaches
 * Node's heap.
 *
 * Hazard: this is compiled and run after user code, which may have replaced any global or
 * prototype. It touches no global, only the captured `kit`; it reads the record by index, since
 * destructuring would call the (replaceable) array iterator; and thrown values may have throwing
 * getters or be Proxies, so every description is guarded.
 */
const maxMessage = 2000;

function clip(text: string): string {
  return text.length > maxMessage ? text.slice(0, maxMessage) + "…" : text;
}

export function classify(record: FailureRecord): OutcomeText {
  const stage = record[0];
  const thrown = record[1];
  const kit = record[2];
  const unserializable = record[3];

  function describeValue(value: unknown): string {
    try {
      if (typeof value === "string") return value;
      const text = kit.stringify(value) as string | undefined;
      return text === undefined ? kit.toText(value) : text;
    } catch {
      try {
        return kit.toText(value);
      } catch {
        return "(a value that cannot be printed)";
      }
    }
  }

  function isInternal(e: unknown, message: string): e is Error {
    return e instanceof kit.ErrorType && e.name === "InternalError" && e.message === message;
  }

  function classifyThrown(e: unknown): OutcomeText {
    if (isInternal(e, "out of memory") || isInternal(e, "string too long")) return "m" + e.message;
    if (isInternal(e, "stack overflow")) return "pcode step exceeded the stack limit: stack overflow (recursion too deep)";
    if (e instanceof kit.PermanentError) return "p" + clip(kit.toText(e.message));
    if (e instanceof kit.ErrorType) {
      const name = kit.toText(e.name);
      const message = kit.toText(e.message);
      return "t" + clip(name === "Error" ? message || name : message ? name + ": " + message : name);
    }
    return "tnon-Error thrown: " + clip(describeValue(e));
  }

  function outcome(): OutcomeText {
    if (stage === "compile" && thrown instanceof kit.SyntaxErrorType) return "p" + clip("SyntaxError: " + kit.toText(thrown.message));
    if (stage !== "output") return classifyThrown(thrown);
    if (unserializable && thrown === unserializable) {
      const where = unserializable[0] === "" ? "the returned value" : "property " + kit.stringify(unserializable[0]);
      return "poutput is not JSON-serializable: " + where + " is a " + unserializable[1];
    }
    const classified = classifyThrown(thrown);
    if (classified[0] === "m" || classified.indexOf("stack overflow") >= 0) return classified;
    return "p" + clip("output is not JSON-serializable: " + classified.slice(1));
  }

  try {
    return (thrown === null ? "n" : "") + outcome();
  } catch {
    return "tcode step threw a value that cannot be described";
  }
}

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliOutdir, staleCliReason, type CliManifest } from "./cli-build.mjs";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const source = "bin/cli/main.ts";
const sourceMtime = fs.statSync(path.join(repoRoot, source)).mtimeMs;
// Any file in bin/dist stands in for the entry: only its existence is checked.
const entry = fs.readdirSync(cliOutdir).find((name) => name.endsWith(".mjs"))!;

describe("staleCliReason", () => {
  it("is null for a build newer than every input", () => {
    const manifest: CliManifest = { entry, builtAt: sourceMtime + 1, inputs: [source] };
    expect(staleCliReason(manifest)).toBeNull();
  });

  it("names an input changed after the build", () => {
    expect(staleCliReason({ entry, builtAt: sourceMtime - 1, inputs: [source] })).toBe(`${source} changed`);
  });

  it("names an input that is gone, and a missing build", () => {
    expect(staleCliReason({ entry, builtAt: Date.now(), inputs: ["bin/cli/no-such-file.ts"] })).toBe("bin/cli/no-such-file.ts is gone");
    expect(staleCliReason({ entry: "main-MISSING.mjs", builtAt: Date.now(), inputs: [] })).toBe("not built yet");
    expect(staleCliReason(null)).toBe("not built yet");
  });
});

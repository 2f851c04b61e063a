import { describe, expect, it } from "vitest";
import { byteLength, formatOfFilename, formatSize, importSizeProblem, maxImportFileBytes } from "./import-file";

describe("importSizeProblem", () => {
  it("accepts a file up to 2 MB", () => {
    expect(importSizeProblem('"a.json"', maxImportFileBytes)).toBeNull();
  });

  it("refuses a larger file with its size and both limits", () => {
    expect(importSizeProblem('"big.yaml"', 2_400_000)).toBe('"big.yaml" is 2.4 MB; files over 2 MB are refused (a definition may be at most 1 MB).');
  });
});

describe("formatOfFilename", () => {
  it.each([
    ["flow.orka.json", "json"],
    ["FLOW.JSON", "json"],
    ["flow.orka.yaml", "yaml"],
    ["flow.yml", "yaml"],
    ["flow.txt", "auto"],
    ["flow", "auto"],
  ] as const)("%s → %s", (filename, format) => {
    expect(formatOfFilename(filename)).toBe(format);
  });
});

describe("sizes", () => {
  it("counts UTF-8 bytes, not characters", () => {
    expect(byteLength("é→")).toBe(5);
  });

  it("formats in decimal units like the server", () => {
    expect([formatSize(12), formatSize(1500), formatSize(2_000_000)]).toEqual(["12 bytes", "2 KB", "2 MB"]);
  });
});

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluatorBundlePath } from "./protocol";

/**
 * The generated child bundle: under the working directory (`npm start`, Next, Vitest), else under
 * the nearest folder above this module that has it (the CLI started elsewhere; a bundled server
 * whose module lives in .next/ or bin/dist/). Null when it was never generated.
 */
export function findEvaluatorBundle(): string | null {
  for (const folder of [process.cwd(), ...foldersAboveThisModule()]) {
    const candidate = path.join(folder, evaluatorBundlePath);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

function foldersAboveThisModule(): string[] {
  let folder: string;
  try {
    folder = path.dirname(fileURLToPath(import.meta.url));
  } catch {
    return []; // a bundler may give a non-file URL: the working directory is then the only place
  }
  const folders: string[] = [];
  for (; path.dirname(folder) !== folder; folder = path.dirname(folder)) folders.push(folder);
  return folders;
}

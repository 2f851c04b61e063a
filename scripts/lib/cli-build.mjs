// The `orka` command line as compiled JavaScript in bin/dist/ (git-ignored), so a command starts
// without compiling TypeScript. `npm install` builds it (scripts/postinstall.mjs); bin/orka rebuilds
// it when a source it was built from changed since, which only happens in a checkout being edited.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const repoRoot = path.resolve(import.meta.dirname, "../..");
export const cliOutdir = path.join(repoRoot, "bin/dist");
const manifestFile = path.join(cliOutdir, "manifest.json");
const entryPoint = "bin/cli/main.ts";

/** `{ entry, builtAt, inputs }` of the last build, or null. */
function readManifest() {
  try {
    return JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch {
    return null;
  }
}

/** Why the compiled CLI must be built again, or null when it is newer than every source it was built from. */
export function staleCliReason(manifest = readManifest()) {
  if (!manifest || !fs.existsSync(path.join(cliOutdir, manifest.entry))) return "not built yet";
  for (const input of manifest.inputs) {
    const stat = fs.statSync(path.join(repoRoot, input), { throwIfNoEntry: false });
    if (!stat) return `${input} is gone`;
    if (stat.mtimeMs > manifest.builtAt) return `${input} changed`;
  }
  return null;
}

/**
 * npm packages compiled into the bundle: what `orka validate` needs (the definition's validator).
 * Node loads them ~3× faster from one file than from their many modules. Every other package is
 * imported from node_modules at run time, natively built, WebAssembly-loading or heavy ones
 * (better-sqlite3, pg, Prisma, QuickJS) among them.
 */
const bundledPackages = new Set(["zod", "jsonata", "ajv", "ajv-formats", "yaml"]);

/**
 * Compiles the CLI with esbuild: one bundle of the project's TypeScript (bin/, engine/, server/),
 * split so each command's modules load only when it runs. Output files are content-hashed and the
 * manifest is replaced last, so a CLI starting meanwhile sees either the old build or the new one whole.
 */
export async function buildCli() {
  const { build } = await import("esbuild");
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: { main: entryPoint },
    outdir: cliOutdir,
    entryNames: "[name]-[hash]",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Bundled CommonJS packages call require() for Node's built-ins; ES modules have no require of their own.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    metafile: true,
    write: false,
    logLevel: "warning",
    plugins: [externalPackagesExcept(bundledPackages), keepImportMetaUrl],
  });
  fs.mkdirSync(cliOutdir, { recursive: true });
  const written = new Set(["manifest.json"]);
  for (const file of result.outputFiles) {
    written.add(path.basename(file.path));
    if (!fs.existsSync(file.path)) writeAtomically(file.path, file.contents);
  }
  const [entry] = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === entryPoint) ?? [];
  // Packages change only through `npm install`, which rebuilds; this file is how the build is made.
  const inputs = [...Object.keys(result.metafile.inputs).filter((input) => !input.includes("node_modules/")), path.relative(repoRoot, import.meta.filename)];
  writeAtomically(manifestFile, JSON.stringify({ entry: path.basename(entry), builtAt, inputs }, null, 1));
  removeOldOutputs(written);
}

/** The compiled CLI's entry module, built first when missing or older than its sources. */
export async function cliEntryUrl() {
  let manifest = readManifest();
  const reason = staleCliReason(manifest);
  if (reason) {
    try {
      await buildCli();
      manifest = readManifest();
    } catch (error) {
      // Without esbuild (an install without devDependencies) an existing build still serves.
      if (!manifest) throw new Error(`the orka CLI is not built (${reason}) and building it failed: ${error.message}. Run \`npm install\`.`);
      process.stderr.write(`orka: running an older build of the CLI (${reason}; rebuilding failed: ${error.message})\n`);
    }
  }
  return pathToFileURL(path.join(cliOutdir, manifest.entry)).href;
}

function writeAtomically(file, contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/** Files of earlier builds; recent ones are kept, a CLI started just before may still load its chunks. */
function removeOldOutputs(keep) {
  const cutoff = Date.now() - 60_000;
  for (const name of fs.readdirSync(cliOutdir)) {
    const file = path.join(cliOutdir, name);
    // Another CLI building at the same time renames its temporary files away: gone is fine.
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat && !keep.has(name) && stat.mtimeMs < cutoff) fs.rmSync(file, { force: true });
  }
}

const packageName = (specifier) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

/** Leaves npm packages as imports, except `bundled` and what those import in turn. */
function externalPackagesExcept(bundled) {
  return {
    name: "external-packages-except",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, ({ path: specifier, importer }) => {
        if (importer.includes(`${path.sep}node_modules${path.sep}`) || bundled.has(packageName(specifier))) return undefined;
        // The project's own "@/…" alias (tsconfig paths) is source, not a package.
        if (specifier.startsWith("@/")) return undefined;
        return { path: specifier, external: true };
      });
    },
  };
}

/**
 * Bundling moves every module into bin/dist/, which would change what `import.meta.url` means to
 * each (server/db/migrate.ts finds the migrations relative to itself). This keeps it the URL of the
 * module's own source file, computed relative to the bundle so the checkout can still be moved.
 */
const keepImportMetaUrl = {
  name: "keep-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
      if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await fs.promises.readFile(file, "utf8");
      if (!source.includes("import.meta")) return undefined;
      if (/import\.meta\.(dirname|filename)/.test(source)) throw new Error(`${path.relative(repoRoot, file)}: use import.meta.url in code the CLI bundles`);
      const relative = path.relative(cliOutdir, file).split(path.sep).join("/");
      return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: "ts" };
    });
  },
};

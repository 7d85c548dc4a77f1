// Bundles each public module of js/ (files not starting with "_") into labelwidget/static/.
// anywidget loads a module from a Blob URL, where relative imports cannot resolve, so the
// shared helpers (js/_*.js) are bundled into every entry. `--check` fails when the shipped
// bundles differ from what js/ builds (CI runs it, so a stale bundle cannot land).
import { build } from "esbuild";
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "js");
const out = join(root, "labelwidget", "static");
const check = process.argv.includes("--check");

const entries = readdirSync(src).filter((f) => f.endsWith(".js") && !f.startsWith("_"));
// Entries that bundle a third-party editor (CodeMirror) are minified: unminified they would add
// most of a megabyte to the package; the project's own modules stay readable.
const MINIFIED = new Set(["playground.js"]);
const options = {
  bundle: true,
  format: "esm",
  target: "es2020",
  outdir: out,
  write: false,
  legalComments: "none",
  banner: { js: "// Generated from js/ by `npm run build`: edit the sources, not this file." },
};
const builds = await Promise.all([
  build({ ...options, entryPoints: entries.filter((f) => !MINIFIED.has(f)).map((f) => join(src, f)) }),
  build({ ...options, minify: true, entryPoints: entries.filter((f) => MINIFIED.has(f)).map((f) => join(src, f)) }),
]);
const result = { outputFiles: builds.flatMap((b) => b.outputFiles) };

mkdirSync(out, { recursive: true });
let stale = [];
for (const file of result.outputFiles) {
  let current = null;
  try { current = readFileSync(file.path, "utf8"); } catch { current = null; }
  if (current !== file.text) {
    stale.push(file.path.slice(root.length + 1));
    if (!check) writeFileSync(file.path, file.text);
  }
}
// Stylesheets are shipped as they are.
for (const css of readdirSync(src).filter((f) => f.endsWith(".css"))) {
  const text = readFileSync(join(src, css), "utf8");
  const target = join(out, css);
  let current = null;
  try { current = readFileSync(target, "utf8"); } catch { current = null; }
  if (current !== text) {
    stale.push(target.slice(root.length + 1));
    if (!check) writeFileSync(target, text);
  }
}
if (check && stale.length) {
  console.error(`stale bundles (run \`npm run build\`): ${stale.join(", ")}`);
  process.exit(1);
}
console.log(check ? `bundles up to date (${entries.length})` : `built ${entries.length} bundles, ${stale.length} changed`);

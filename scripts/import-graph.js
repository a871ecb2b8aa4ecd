#!/usr/bin/env node
// The package's import graph, checked for the two layout rules: no import circle anywhere (type-only imports count:
// a circle of types is still two modules that cannot be understood apart), and `provider/resources/` (the kinds'
// behaviour) imports nothing from `provider/dynamic/` (the one place that wires kinds to the process).
//
// It also keeps `provider/review/` pure outside `provider/review/files/` (no file system, no network, no processes), and
// `provider/` free of `@pulumi/pulumi` (the SDK passes Pulumi's objects in).
//
// Usage: node scripts/import-graph.js [root]   prints every circle and every layer breach; exit 1 if any.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

const SOURCE_DIRS = ["provider", "sdk", "cli", "emulator", "harness", "bench", "test"];

/** Every .ts file under the source folders (not declaration files), as paths relative to root. */
function sourceFiles(root) {
  const out = [];
  const walk = (dir) => {
    if (!fs.existsSync(path.join(root, dir))) return;
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(rel);
    }
  };
  for (const dir of SOURCE_DIRS) walk(dir);
  return out.sort();
}

/** The relative imports of one file (imports, re-exports, `import type`, `require`), resolved to files. */
function importsOf(root, file, known) {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const targets = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith(".")) continue;
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName));
    const found = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => known.has(candidate));
    if (found) targets.push(found);
  }
  return [...new Set(targets)];
}

function importGraph(root) {
  const files = sourceFiles(root);
  const known = new Set(files);
  return new Map(files.map((file) => [file, importsOf(root, file, known)]));
}

/** The strongly connected components with more than one file (or a file importing itself): the circles. */
function circles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** Imports that cross a layer the wrong way: `from` folder must not import anything under `to`. */
const FORBIDDEN = [{ from: "provider/resources/", to: "provider/dynamic/" }];

/** Packages a folder must not import, with the sub-folder allowed to (the I/O side of a pure folder). */
const FORBIDDEN_PACKAGES = [
  {
    from: "provider/review/",
    except: "provider/review/files/",
    packages: /^(node:)?(fs|fs\/promises|net|http|https|child_process)$/,
  },
  { from: "provider/", except: undefined, packages: /^@pulumi\/pulumi(\/|$)/ },
];

function layerBreaches(graph, root = path.join(__dirname, "..")) {
  const out = [];
  for (const [file, targets] of graph) {
    for (const rule of FORBIDDEN) {
      if (!file.startsWith(rule.from)) continue;
      for (const target of targets) if (target.startsWith(rule.to)) out.push(`${file} imports ${target}`);
    }
    for (const rule of FORBIDDEN_PACKAGES) {
      if (!file.startsWith(rule.from) || (rule.except && file.startsWith(rule.except))) continue;
      for (const name of packagesOf(root, file)) if (rule.packages.test(name)) out.push(`${file} imports ${name}`);
    }
  }
  return out;
}

/** The packages (non-relative imports) of one file. */
function packagesOf(root, file) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(path.join(root, file), "utf8"), true, true);
  return importedFiles.map((f) => f.fileName).filter((name) => !name.startsWith("."));
}

module.exports = { importGraph, circles, layerBreaches };

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, ".."));
  const graph = importGraph(root);
  const found = circles(graph);
  const breaches = layerBreaches(graph, root);
  for (const circle of found) process.stdout.write(`circle: ${circle.join(" -> ")}\n`);
  for (const breach of breaches) process.stdout.write(`layer breach: ${breach}\n`);
  process.stdout.write(`${graph.size} files, ${found.length} circle(s), ${breaches.length} layer breach(es)\n`);
  process.exit(found.length || breaches.length ? 1 : 0);
}

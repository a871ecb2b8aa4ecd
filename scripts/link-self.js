#!/usr/bin/env node
// Pulumi's dynamic provider process loads the serialized resource provider with `require-from-string`, so a
// `require("pulumi-jumpcloud-access/dynamic")` inside it resolves from the program's node_modules. Node does not let a
// package require itself by name from there, so programs that live inside this repository (the demo at the root,
// the tests, the benchmarks) need node_modules/pulumi-jumpcloud-access to point back at the repository.
//
// Only the repository's own commands run this (`npm test`, `npm run demo`, `npm run bench`, the tests' global setup).
// It is deliberately not an install script: users install the package from the registry and never run it.
const fs = require("node:fs");
const path = require("node:path");

function linkSelf() {
  const root = path.resolve(__dirname, "..");
  const modules = path.join(root, "node_modules");
  if (!fs.existsSync(modules)) throw new Error("node_modules is missing: run `npm ci` first.");
  const link = path.join(modules, "pulumi-jumpcloud-access");
  try {
    if (path.resolve(modules, fs.readlinkSync(link)) === root) return;
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    // not a link yet
  }
  fs.symlinkSync("..", link, "dir");
}

module.exports = { linkSelf };

if (require.main === module) linkSelf();

#!/usr/bin/env node
// Pulumi's dynamic provider process loads the serialized resource provider with `require-from-string`, so a
// `require("pulumi-jumpcloud-access/dynamic")` inside it resolves from the program's node_modules. Node does not let a
// package require itself by name from there, so programs that live inside this repository (the demo at the root,
// the tests) need node_modules/pulumi-jumpcloud-access to point back at the repository. Users install the package
// normally and never run this.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-jumpcloud-access");
if (!fs.existsSync(path.join(root, "node_modules"))) process.exit(0);
try {
  const current = fs.readlinkSync(link);
  if (path.resolve(path.dirname(link), current) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // not a link yet
}
fs.symlinkSync("..", link, "dir");

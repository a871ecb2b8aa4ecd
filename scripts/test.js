#!/usr/bin/env node
// The test command: build (Pulumi programs load the compiled provider), lint, type-check, then every test.
// The Pulumi CLI is provisioned by the tests' global setup (scripts/ensure-pulumi), so this is all a fresh clone needs
// after `npm ci`.
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { linkSelf } = require("./link-self");

// The HTML review report is checked in headless Chromium (Debian's package). Install it when we can (as root with
// apt-get, as on CI); otherwise say exactly what to run.
if (!existsSync("/usr/bin/chromium")) {
  const canInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canInstall) {
    process.stderr.write("The review report tests need Chromium: run `sudo apt-get install chromium` and retry.\n");
    process.exit(1);
  }
  process.stdout.write("== provisioning: apt-get install chromium\n");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "--no-install-recommends", "chromium"],
  ]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

// Programs inside the repository (the example type checks, the end-to-end tests) import the package by name.
linkSelf();

const steps = [
  // A clean build: a file left in dist/ by an earlier build would otherwise ship in the packed package.
  ["build", "npm", ["run", "--silent", "build"]],
  ["lint", "npx", ["biome", "check", "."]],
  ["typecheck (strict)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]],
  ["tests", "npx", ["vitest", "run", ...process.argv.slice(2)]],
];

for (const [name, command, args] of steps) {
  process.stdout.write(`\n== ${name}: ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write(`\n${name} failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(result.status ?? 1);
  }
}

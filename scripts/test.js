#!/usr/bin/env node
// The test command: build (Pulumi programs load the compiled provider), lint, type-check, then every test.
// The Pulumi CLI is provisioned by the tests' global setup (scripts/ensure-pulumi), so this is all a fresh clone needs
// after `npm ci`.
const { spawnSync } = require("node:child_process");

const steps = [
  ["build", "npx", ["tsc", "-p", "tsconfig.build.json"]],
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

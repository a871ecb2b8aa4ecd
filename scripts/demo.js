#!/usr/bin/env node
// `npm run demo`: the whole loop on a laptop, against a local JumpCloud emulator, in one command.
//
//   1. start the emulator with the demo org (Acme Corp)
//   2. `pulumi up` the root program (index.ts applies access.yaml) and print what was granted
//   3. change access "in the console" (out of band), as an admin would
//   4. `pulumi refresh --preview-only` shows the drift; `pulumi up --refresh` puts access back as the file says
//   5. review a proposed change to access.yaml with `pulumi preview --diff`: one line per member added or removed
//   6. say where the access graph that `up` published is (stack outputs and report files); stop the emulator
//
// State lives in .pulumi-state/ (file backend, git-ignored) with a demo passphrase, so running it again works: the
// emulator starts fresh each time and `up --refresh` reconciles the stack with it. Needs `npm run build` first
// (`npm run demo` does it).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const stateDir = path.join(root, ".pulumi-state");
const configFile = path.join(stateDir, "Pulumi.demo.yaml");
const stack = "demo";
// A fixed port: `pulumi refresh` reads with the provider configuration recorded in the state at the last update, so
// the API URL must be the same on every run for a second run to refresh against the new emulator.
const port = Number(process.env.JCA_DEMO_PORT ?? 48017);
const started = Date.now();

const say = (text = "") => process.stdout.write(`${text}\n`);
const heading = (text) => say(`\n== ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const indent = (text) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => `   ${line}`)
    .join("\n");

function fail(message) {
  process.stderr.write(`\ndemo failed: ${message}\n`);
  process.exitCode = 1;
}

/** The environment of every CLI run: the harness's hermetic one, with the demo's state directory and passphrase. */
function pulumiEnv(harness) {
  fs.mkdirSync(path.join(stateDir, "home"), { recursive: true });
  return harness.hermeticPulumiEnv({
    backendDir: stateDir,
    homeDir: path.join(stateDir, "home"),
    // A demo passphrase for a demo stack; a real stack would use a secrets provider or its own passphrase.
    passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? "jumpcloud-access-demo",
  });
}

/** Runs the CLI without blocking (the emulator answers the engine's requests from this same process). */
async function pulumi(harness, env, args, { global = false } = {}) {
  const flags = global ? [] : ["--stack", stack, "--non-interactive", "--color", "never"];
  const result = await harness.runPulumi([...args, ...flags], root, env);
  const output = `${result.stdout}${result.stderr}`;
  if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited with ${result.code}:\n${output}`);
  return { code: result.code, output, stdout: result.stdout };
}

/**
 * The part of `pulumi` output worth showing: finished resource steps (not the "creating…" progress), the planned
 * diffs of a preview, and the summary.
 */
const diffHeader = /^\s+(\+|-|~|\+-|-\+) [A-Za-z]+: \((create|update|delete|replace|refresh)\)/;

function changes(output) {
  const kept = [];
  let inSummary = false;
  for (const raw of output.split("\n")) {
    const line = raw.replace("pulumi-nodejs:dynamic/jumpcloud:", "");
    if (/^(Resources|Outputs):/.test(line.trim())) inSummary = line.trim().startsWith("Resources");
    if (/^Duration:/.test(line.trim())) inSummary = false;
    const finished =
      /^\s+(\+|-|~|\+-|-\+)\s+\S+ \S+ (created|updated|deleted|replaced|create|update|delete|replace)\b/.test(line);
    const diff = diffHeader.test(line);
    if (finished || diff || inSummary) kept.push(line.replace(/\s+\([0-9.]+m?s\)\s*$/, ""));
  }
  return kept.join("\n");
}

/** A `preview --diff` as a reviewer reads it: the resources that change and the keys added or removed in each. */
function reviewLines(output) {
  const kept = [];
  let skipping = false;
  for (const raw of output.split("\n")) {
    const line = raw.replace("pulumi-nodejs:dynamic/jumpcloud:", "").trimEnd();
    // The access graph and the stack re-export what the policy manages: their diff is bookkeeping, not access.
    if (/^\s*[-+~]+ \S+: \(/.test(line)) skipping = /AccessGraph|pulumi:pulumi:Stack/.test(line);
    if (/^\s*[-+~]\s/.test(line) && !skipping && !/ to (update|create|delete|replace)$/.test(line)) kept.push(line);
  }
  return kept.join("\n");
}

/** What changed in JumpCloud between two emulator snapshots, in people's terms. */
function snapshotDiff(before, after) {
  const lines = [];
  const byName = (list) => new Map(list.map((item) => [item.name, item]));
  const set = (items) => new Set(items);
  const compare = (label, a = [], b = []) => {
    const was = set(a);
    const now = set(b);
    for (const item of b) if (!was.has(item)) lines.push(`+ ${label}: ${item}`);
    for (const item of a) if (!now.has(item)) lines.push(`- ${label}: ${item}`);
  };
  const groupsBefore = byName(before.groups);
  for (const group of after.groups)
    compare(`group ${group.name}`, groupsBefore.get(group.name)?.members, group.members);
  const appsBefore = byName(before.applications);
  for (const app of after.applications) {
    compare(`app ${app.name} (groups)`, appsBefore.get(app.name)?.groups, app.groups);
    compare(`app ${app.name} (users)`, appsBefore.get(app.name)?.users, app.users);
  }
  const adminsBefore = new Map(before.admins.map((admin) => [admin.email, admin]));
  for (const admin of after.admins)
    compare(`admin ${admin.email} role`, adminsBefore.get(admin.email)?.roles, admin.roles);
  return lines.length ? lines.join("\n") : "(no changes)";
}

async function main() {
  const { startEmulator } = require(path.join(root, "dist", "emulator"));
  const { loadManifest, planGrants } = require(path.join(root, "dist", "provider", "manifest"));
  // The same runner as the tests and the benchmarks (it finds or builds the CLI on first use).
  const harness = require(path.join(root, "dist", "harness", "pulumi"));

  heading("Pulumi CLI");
  const binDir = harness.pulumiBinDir();
  const env = pulumiEnv(harness);
  say(`   pulumi ${(await pulumi(harness, env, ["version"], { global: true })).output.trim()} from ${binDir}`);

  heading("Starting the JumpCloud emulator with the demo org (Acme Corp)");
  let emulator;
  try {
    emulator = await startEmulator({ org: path.join(root, "emulator", "orgs", "demo.yaml"), port });
  } catch (error) {
    throw new Error(`cannot start the emulator on port ${port} (${error.message}). Free it or set JCA_DEMO_PORT.`);
  }
  try {
    say(`   API at ${emulator.url}`);
    const initial = emulator.snapshot();

    heading("Stack");
    const select = await harness.runPulumi(["stack", "select", "--create", stack, "--non-interactive"], root, env);
    if (select.code !== 0) throw new Error(`pulumi stack select: ${select.stderr}`);
    say(`   "${stack}" on the file backend in .pulumi-state/ (config in ${path.relative(root, configFile)})`);
    const withConfig = ["--config-file", configFile];
    await pulumi(harness, env, ["config", "set", "jumpcloud:apiUrl", emulator.url, ...withConfig]);
    // The key goes in encrypted; with a real tenant this is the only step: `pulumi config set --secret jumpcloud:apiKey`.
    await pulumi(harness, env, ["config", "set", "--secret", "jumpcloud:apiKey", emulator.apiKey, ...withConfig]);

    heading("pulumi up: applying access.yaml");
    // --refresh first: the emulator starts from the demo org on every run, so the stack is reconciled with it.
    const up = await pulumi(harness, env, ["up", "--yes", "--refresh", "--skip-preview", ...withConfig]);
    say(indent(changes(up.output)));
    const applied = emulator.snapshot();

    heading("What was granted");
    const manifest = loadManifest(path.join(root, "access.yaml"));
    const plan = planGrants(manifest.grants, new Date(), 60);
    say(`   access.yaml asks for ${plan.active.length} grants (${plan.expired.length} expired and left out):`);
    for (const grant of plan.active)
      say(`     ${grant.key}${grant.expires ? `   (until ${grant.expires.toISOString()})` : ""}`);
    say("   Changes made in JumpCloud (everything else was already in place and is now managed):");
    say(indent(snapshotDiff(initial, applied).replace(/^/gm, "  ")));

    heading("Out-of-band change: an admin edits access in the console");
    emulator.outOfBand.removeGroupMember("engineering", "carol@acme.example");
    emulator.outOfBand.addGroupMember("platform-oncall", "erin@acme.example");
    emulator.outOfBand.unassignApplication("github", { group: "engineering" });
    say("   - removed carol@acme.example from engineering");
    say("   + added erin@acme.example to platform-oncall (an exclusive group in access.yaml)");
    say("   - unassigned GitHub from engineering");

    heading("pulumi refresh --preview-only: the drift");
    const drift = await pulumi(harness, env, ["refresh", "--preview-only", ...withConfig]);
    say(indent(changes(drift.output)));

    heading("pulumi up --refresh: restoring access.yaml");
    const restore = await pulumi(harness, env, ["up", "--yes", "--refresh", "--skip-preview", ...withConfig]);
    say(indent(changes(restore.output)));
    const restored = emulator.snapshot();
    const left = snapshotDiff(applied, restored);
    say(`   JumpCloud now matches the first apply: ${left === "(no changes)" ? "yes" : `NO\n${indent(left)}`}`);
    if (left !== "(no changes)") fail("the second up did not restore the state of the first");

    heading("Reviewing a change: pulumi preview --diff");
    // A teammate's pull request: erin joins engineering, judy leaves it. The reviewer reads the plan, nothing is
    // applied. The proposal is written beside the demo's reports; access.yaml itself is never edited.
    const proposal = path.join(root, ".demo", "proposed-access.yaml");
    fs.mkdirSync(path.dirname(proposal), { recursive: true });
    const current = fs.readFileSync(path.join(root, "access.yaml"), "utf8");
    const proposed = current
      .replace("      - judy@acme.example\n  platform-oncall:", "      - erin@acme.example\n  platform-oncall:")
      .replace("$schema=./schema/", "$schema=../schema/");
    if (proposed === current) throw new Error("access.yaml changed shape: update the demo's proposed change");
    fs.writeFileSync(proposal, proposed);
    await pulumi(harness, env, ["config", "set", "access:manifest", path.relative(root, proposal), ...withConfig]);
    try {
      const review = await pulumi(harness, env, ["preview", "--diff", ...withConfig]);
      say(indent(reviewLines(review.output)));
    } finally {
      await pulumi(harness, env, ["config", "rm", "access:manifest", ...withConfig]);
    }
    if (JSON.stringify(emulator.snapshot()) !== JSON.stringify(restored)) fail("the preview changed JumpCloud");

    heading("Access graph and reviews");
    // The `up --refresh` above published the graph as it left JumpCloud: its outputs and its report files agree.
    const outputs = JSON.parse((await pulumi(harness, env, ["stack", "output", "--json"])).stdout);
    const summary = outputs.accessSummary ?? {};
    const reportDir = outputs.reportDir ? path.resolve(root, outputs.reportDir) : undefined;
    if (reportDir && fs.existsSync(reportDir)) {
      say(`   Reports in ${path.relative(root, reportDir)}/ (written by the AccessGraph resource on every sync):`);
      for (const file of fs.readdirSync(reportDir).sort())
        say(`     ${path.relative(root, path.join(reportDir, file))}`);
      const written = JSON.parse(fs.readFileSync(path.join(reportDir, "summary.json"), "utf8"));
      if (written.contentHash !== summary.contentHash) fail("the report files and the stack outputs differ");
    }
    if (summary.counts?.managedButAbsent !== 0) {
      fail(`the published graph misses ${summary.counts?.managedButAbsent} grants that access.yaml manages`);
    }
    const counts = summary.counts ?? {};
    say(
      `   ${counts.users} users, ${counts.groups} groups, ${counts.applications} applications, ${counts.grants} grants; ` +
        `${counts.unmanaged} not managed by access.yaml, ${counts.suspendedWithAccess} suspended users with access.`,
    );
    say(`   access.yaml: ${JSON.stringify(outputs.counts)}`);
    say("   Stack outputs (accessSummary, unmanaged, managedEdgeIds, expiringSoon, ...):");
    say(
      `     PULUMI_BACKEND_URL=file://${path.relative(root, stateDir)} PULUMI_CONFIG_PASSPHRASE=jumpcloud-access-demo \\`,
    );
    say(`     pulumi stack output --stack ${stack} --json`);
  } finally {
    await emulator.stop();
    heading("Emulator stopped");
  }
  say(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. Run it again: it is idempotent.`);
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));

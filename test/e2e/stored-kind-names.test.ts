import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle, OrgSnapshot } from "../../emulator/types";
import { buildRelease, dynamicEntry, installPackage } from "../helpers/previous-release";
import { createPulumiProject, type PulumiProject, type RunResult, repoRoot } from "../helpers/pulumi";
import { declare, e2eOrg, expectedSnapshot, programSource, writes } from "../provider/resources/e2e-fixtures";

// A stack written by the release before the resource kinds moved (one folder per kind, the registry in
// provider/dynamic) must refresh and update with no change under the current package: the kind names captured in
// every resource's serialized provider, and the `./dynamic` entry point they load, are a contract with stored state.
const PREVIOUS_RELEASE = "6855fa9627849e4a6af54627291e6504a9ca6898";
const apiKey = `jca_kinds_${randomBytes(16).toString("hex")}`;
const KINDS = ["UserGroupMembership", "UserGroupMembers", "ApplicationAssignment", "AdminRoleGrant", "AccessGraph"];

describe("stacks written by the previous release", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  let before: OrgSnapshot;
  let previousDir: string;
  const declared = declare({
    memberships: 6,
    setSize: 3,
    groupAssignments: 3,
    userAssignments: 2,
    roles: 3,
    teams: 2,
    apps: 2,
  });

  const run = async (step: Promise<RunResult>) => {
    const result = await step;
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(async () => {
    previousDir = buildRelease(PREVIOUS_RELEASE);
    emulator = await startEmulator({ apiKey, org: e2eOrg(20, 2, 2, 2) });
    before = emulator.snapshot();
    project = await createPulumiProject({
      name: "stored-kind-names",
      program: `${programSource(declared)}new jc.AccessGraph("access-graph", {});\n`,
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  }, 600_000);
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("refresh, up and destroy with no surprise after upgrading to the current layout", async () => {
    await installPackage(project, previousDir);
    expect(dynamicEntry(project)).toBe(join(previousDir, "dist", "provider", "dynamic", "index.js"));
    await run(project.up());
    expect(emulator.snapshot()).toEqual(expectedSnapshot(before, declared));
    const state = await project.exportState();
    const types = new Set(state.deployment.resources.map((r: { type: string }) => r.type));
    for (const kind of KINDS) expect(types).toContain(`pulumi-nodejs:dynamic/jumpcloud:${kind}`);

    // The upgrade: the same program and state, the current package.
    await installPackage(project, repoRoot);
    expect(dynamicEntry(project)).toBe(join(repoRoot, "dist", "provider", "dynamic", "index.js"));
    expect(existsSync(join(repoRoot, "dist", "provider", "dynamic", "registry.js"))).toBe(true);
    emulator.clearRequestLog();
    await run(project.refresh(["--expect-no-changes"]));
    await run(project.up(["--expect-no-changes"]));
    await run(project.preview(["--expect-no-changes", "--diff"]));
    expect(writes(emulator)).toEqual([]);

    // Deletes run the shims stored by the previous release, which load the current registry.
    await run(project.destroy());
    expect(emulator.snapshot()).toEqual(before);
  });
});

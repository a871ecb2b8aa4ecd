import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle, OrgSnapshot } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";
import {
  type Declared,
  declare,
  e2eOrg,
  edgeCount,
  email,
  expectedSnapshot,
  programSource,
  writes,
} from "../provider/resources/e2e-fixtures";

// The whole life of an access stack on the real engine against the emulator: create, no-op, drift both ways,
// renames, replacement and destroy, with the API key nowhere in state, output or request logs.
const apiKey = `jca_e2e_${randomBytes(16).toString("hex")}`;
const QUIET = ["--non-interactive", "--color", "never"];

describe("access resources on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  let before: OrgSnapshot;
  const transcript: RunResult[] = [];
  const declared: Declared = declare({
    memberships: 20,
    setSize: 6,
    groupAssignments: 8,
    userAssignments: 8,
    roles: 6,
    teams: 4,
    apps: 4,
  });

  const run = async (step: Promise<RunResult>, expectCode = 0) => {
    const result = await step;
    transcript.push(result);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(expectCode);
    return result;
  };

  beforeAll(async () => {
    emulator = await startEmulator({ apiKey, org: e2eOrg(40, 4, 4, 4) });
    before = emulator.snapshot();
    project = await createPulumiProject({
      name: "resources-lifecycle",
      program: programSource(declared),
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("converges, stays idle, repairs drift, keeps renames, replaces delete-first and destroys cleanly", async () => {
    expect(edgeCount(declared)).toBeGreaterThanOrEqual(50);
    const created = await run(project.up());
    expect(created.stdout).toMatch(/\+ 45 created/);
    expect(emulator.snapshot()).toEqual(expectedSnapshot(before, declared));

    // Idle: no changes and not one write.
    emulator.clearRequestLog();
    await run(project.up(["--expect-no-changes"]));
    expect(writes(emulator)).toEqual([]);
    const syncs = emulator.requestCounts().byRoute["GET /api/systemusers"];
    expect(syncs).toBe(1);

    // Out-of-band removals of every kind: the drift gate fails, refresh drops them, up restores them.
    emulator.outOfBand.removeGroupMember("team-1", email(1));
    emulator.outOfBand.removeGroupMember("set-shared", email(0));
    emulator.outOfBand.unassignApplication("app0", { group: "team-0" });
    emulator.outOfBand.setAdminRoles("admin0@e2e.example", ["Help Desk", "Command Runner", "Billing Only"]);
    const gate = await project.run(["refresh", "--preview-only", "--expect-no-changes", ...QUIET]);
    transcript.push(gate);
    expect(gate.code).not.toBe(0);
    const refreshed = await run(project.refresh());
    expect(refreshed.stdout).toMatch(
      /- +pulumi-nodejs:dynamic\/jumpcloud:UserGroupMembership +membership:team-1:user001@e2e.example +deleted/,
    );
    expect(refreshed.stdout).toMatch(
      /- +pulumi-nodejs:dynamic\/jumpcloud:ApplicationAssignment +assignment:App 0:group:team-0 +deleted/,
    );
    expect(refreshed.stdout).toMatch(
      /- +pulumi-nodejs:dynamic\/jumpcloud:AdminRoleGrant +role:admin0@e2e.example:Manager +deleted/,
    );
    expect(refreshed.stdout).toMatch(
      /~ +pulumi-nodejs:dynamic\/jumpcloud:UserGroupMembers +members:set-shared +updated/,
    );
    emulator.clearRequestLog();
    const restored = await run(project.up());
    expect(restored.stdout).toMatch(/\+ 3 created/);
    expect(restored.stdout).toMatch(/~ 1 updated/);
    expect(writes(emulator)).toHaveLength(4);
    expect(emulator.snapshot()).toEqual(expectedSnapshot(before, declared));

    // An out-of-band addition to the exclusive set: refresh shows it, up removes it; then the gate passes.
    emulator.outOfBand.addGroupMember("set-owned", email(30));
    const drift = await run(project.refresh(["--diff"]));
    expect(drift.stdout).toContain("pulumi-nodejs:dynamic/jumpcloud:UserGroupMembers::members:set-owned]");
    expect(drift.stdout).toMatch(/~ extraMembers +: \[\n +\+ \[0\]: "[0-9a-f]{24}"/);
    expect(drift.stdout).toMatch(/~ 1 updated/);
    await run(project.up());
    expect(emulator.snapshot()).toEqual(expectedSnapshot(before, declared));
    await run(project.run(["refresh", "--preview-only", "--expect-no-changes", ...QUIET]));

    // Renames that resolve to the same ids change nothing.
    const state = await project.exportState();
    const outputsOf = (name: string) =>
      state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith(`::${name}`))?.outputs ?? {};
    const renamed: Declared = structuredClone(declared);
    const m0 = renamed.memberships[0]!;
    Object.assign(m0, { groupId: outputsOf(m0.name).groupId, userEmail: m0.userEmail.toUpperCase() });
    delete (m0 as { groupName?: string }).groupName;
    const a0 = renamed.assignments[0]!;
    Object.assign(a0, { applicationName: "app0" });
    const r0 = renamed.roles[0]!;
    Object.assign(r0, { roleName: r0.roleName.toLowerCase() });
    await project.writeProgram(programSource(renamed));
    emulator.clearRequestLog();
    await run(project.up(["--expect-no-changes"]));
    expect(writes(emulator)).toEqual([]);

    // Renames to other ids replace, removing the old grant first and keeping exactly the new one.
    const moved: Declared = structuredClone(declared);
    moved.memberships[0]!.userEmail = email(39);
    moved.assignments[8]!.userEmail = email(38);
    moved.roles[0]!.roleName = "Help Desk";
    moved.roles[0]!.adminEmail = "admin1@e2e.example";
    await project.writeProgram(programSource(moved));
    const replaced = await run(project.up());
    expect(replaced.stdout).toMatch(/\+-3 replaced|3 replaced/);
    expect(emulator.snapshot()).toEqual(expectedSnapshot(before, moved));

    // Destroy leaves JumpCloud exactly as before the first up.
    const destroyed = await run(project.destroy());
    expect(emulator.snapshot()).toEqual(before);
    // admin1 held only "Read Only" before the stack: the grants were added beside it (the stack never put it there,
    // so no grant replaced it), and revoking them leaves it without moving anyone to a fallback.
    expect(destroyed.stdout + destroyed.stderr).not.toMatch(/moved the admin to/);

    // The key is nowhere: not in state, not in any CLI output, not in the emulator's request log.
    const exported = JSON.stringify(await project.exportState());
    expect(exported).not.toContain(apiKey);
    for (const r of transcript) expect(`${r.stdout}${r.stderr}`).not.toContain(apiKey);
    expect(JSON.stringify(emulator.requestLog())).not.toContain(apiKey);
  }, 600_000);
});

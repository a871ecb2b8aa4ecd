import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runImport } from "../../cli/commands/import";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle, OrgSnapshot } from "../../emulator/types";
import { parseManifestText } from "../../provider/manifest";
import { syntheticImportOrg } from "../helpers/import/synthetic-import-org";
import { buildRelease, installPackage } from "../helpers/previous-release";
import { createPulumiProject, type PulumiProject, type RunResult, repoRoot } from "../helpers/pulumi";
import { writes } from "../provider/resources/e2e-fixtures";

// Issue 14.4: a stack created by the release whose AccessPolicy made one child per grant, run with the AccessPolicy
// that makes one set per group, application and admin, makes zero JumpCloud writes on its next `pulumi up`: the old
// children are deleted, and nothing is revoked because the new sets declare the same edges. An exclusive group and
// admins with a revokeTo are part of it.
const PER_GRANT_RELEASE = "2162a8919cc277d36956a8db1294ea5958854b4a";
const apiKey = `jca_upgrade_${randomBytes(16).toString("hex")}`;

const program = `
import { AccessPolicy } from "pulumi-jumpcloud-access";

const policy = new AccessPolicy("acme", { manifest: "access.yaml" });
export const counts = policy.counts;
`;

type StateResource = { type: string; urn: string };
const childTypes = (state: { deployment: { resources: StateResource[] } }) =>
  state.deployment.resources
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))
    .map((r) => r.type.replace("pulumi-nodejs:dynamic/jumpcloud:", ""));
const countOf = (types: string[]) => {
  const counts: Record<string, number> = {};
  for (const type of types) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
};

describe("upgrading a per-grant AccessPolicy stack to sets", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  let releaseDir: string;
  const transcript: RunResult[] = [];

  const run = async (step: Promise<RunResult>) => {
    const result = await step;
    transcript.push(result);
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    return result;
  };

  beforeAll(async () => {
    releaseDir = buildRelease(PER_GRANT_RELEASE);
    const org = syntheticImportOrg({
      users: 60,
      groups: 5,
      apps: 2,
      admins: 3,
      membersPerGroup: 8,
      groupsPerApp: 2,
      usersPerApp: 3,
      seed: 11,
    });
    emulator = await startEmulator({ apiKey, org });
    project = await createPulumiProject({
      name: "upgrade-to-sets",
      program,
      config: {
        "jumpcloud:apiUrl": { value: emulator.url },
        "jumpcloud:apiKey": { value: apiKey, secret: true },
        "jumpcloud:requestsPerSecond": { value: "0" },
      },
    });
  }, 600_000);
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("makes zero writes on the first up after the upgrade, previews no change, and destroy still revokes", async () => {
    const io = {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: { JUMPCLOUD_API_KEY: apiKey, JUMPCLOUD_API_URL: emulator.url, JUMPCLOUD_REQUESTS_PER_SECOND: "0" },
    };
    const args = ["--groups", "group-*", "--exclusive", "group-01", "--out", join(project.dir, "access.yaml")];
    expect(await runImport(args, io)).toBe(0);
    const before: OrgSnapshot = emulator.snapshot();

    // The per-grant release adopts the imported access: one child per grant.
    await installPackage(project, releaseDir);
    await run(project.up());
    expect(writes(emulator)).toEqual([]);
    const old = countOf(childTypes(await project.exportState()));
    expect(old.UserGroupMembership).toBeGreaterThan(20);
    expect(old.ApplicationAssignment).toBeGreaterThan(4);
    expect(old.AdminRoleGrant).toBeGreaterThan(2);
    expect(old.UserGroupMembers).toBe(1);

    // The upgrade: the same program, manifest and state, the current package.
    await installPackage(project, repoRoot);
    emulator.clearRequestLog();
    const up = await run(project.up());
    expect(writes(emulator)).toEqual([]);
    expect(emulator.snapshot()).toEqual(before);
    const now = countOf(childTypes(await project.exportState()));
    const manifest = parseManifestText(readFileSync(join(project.dir, "access.yaml"), "utf8"), "access.yaml").manifest;
    const size = (section: object | undefined) => Object.keys(section ?? {}).length;
    expect(now).toEqual({
      UserGroupMembers: size(manifest.groups),
      ApplicationAssignments: size(manifest.applications),
      AdminRoles: size(manifest.admins),
    });
    expect(up.stdout).toMatch(/deleted/);

    emulator.clearRequestLog();
    await run(project.preview(["--expect-no-changes"]));
    await run(project.up(["--expect-no-changes"]));
    expect(writes(emulator)).toEqual([]);

    // The sets own what the per-grant children owned: destroy revokes it, as the README says.
    await run(project.destroy());
    const after = emulator.snapshot();
    for (const group of after.groups.filter((g) => g.name.startsWith("group-"))) expect(group.members).toEqual([]);
    for (const r of transcript) expect(`${r.stdout}${r.stderr}`).not.toContain(apiKey);
  }, 900_000);
});

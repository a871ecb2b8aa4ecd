import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject } from "../helpers/pulumi";
import { e2eOrg, email, writes } from "../provider/resources/e2e-fixtures";

// What a user sees when something is wrong: every failure stops before any write, names the object and the fix,
// and a sync that fails during refresh leaves the state as it was.
const apiKey = `jca_errors_${randomBytes(16).toString("hex")}`;

const program = (body: string) => `import * as jc from "pulumi-jumpcloud-access";\n${body}\n`;
const all = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

describe("access resources: errors on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator({ apiKey, org: e2eOrg(10, 2, 2, 2) });
    project = await createPulumiProject({
      name: "resources-errors",
      program: program(`new jc.UserGroupMembership("m", { groupName: "team-0", userEmail: "${email(1)}" });`),
      config: { "jumpcloud:apiUrl": { value: emulator.url } },
    });
  });
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("fails preview before any write on a missing key, a typo or mixed styles", async () => {
    const noKey = await project.preview();
    expect(noKey.code).not.toBe(0);
    expect(all(noKey)).toContain("No JumpCloud API key is configured.");
    expect(all(noKey)).toContain('"pulumi config set --secret jumpcloud:apiKey <key>"');
    expect(all(noKey)).toContain("JUMPCLOUD_API_KEY");
    await project.setConfig("jumpcloud:apiKey", apiKey, true);

    await project.writeProgram(
      program(`
new jc.UserGroupMembership("typo", { groupName: "team-0", userEmail: "usr001@e2e.example" });`),
    );
    const typo = await project.preview();
    expect(typo.code).not.toBe(0);
    expect(all(typo)).toContain('no user with the email "usr001@e2e.example" in JumpCloud organization E2E Org.');
    expect(all(typo)).toContain('Did you mean "user001@e2e.example"?');
    expect(all(typo)).toContain("resource 'typo': property userEmail value {usr001@e2e.example} has a problem");

    await project.writeProgram(
      program(`
new jc.UserGroupMembership("one", { groupName: "team-0", userEmail: "${email(1)}" });
new jc.UserGroupMembers("set", { groupName: "team-0", userEmails: ["${email(2)}"] });`),
    );
    const mixed = await project.preview();
    expect(mixed.code).not.toBe(0);
    expect(all(mixed)).toContain(
      'user group "team-0" is managed by UserGroupMembership "one" and by UserGroupMembers "set". These fight over the group\'s members',
    );

    // The provider catches the same conflict when one resource names the group and the other gives its id.
    const teamId = await groupId(emulator, "team-0");
    await project.writeProgram(
      program(`
new jc.UserGroupMembership("one", { groupName: "team-0", userEmail: "${email(1)}" });
new jc.UserGroupMembers("set", { groupId: "${teamId}", userEmails: ["${email(2)}"] });`),
    );
    const mixedById = await project.preview();
    expect(mixedById.code).not.toBe(0);
    // Whichever resource the engine checks second is refused.
    expect(all(mixedById)).toMatch(
      /user group "team-0" \([0-9a-f]{24}\) is managed both by (UserGroupMembership and by UserGroupMembers|UserGroupMembers and by UserGroupMembership) in this program/,
    );
    expect(writes(emulator)).toEqual([]);
  }, 300_000);

  it("keeps the state when the sync fails during refresh, and says why", async () => {
    await project.writeProgram(
      program(`
new jc.UserGroupMembership("m1", { groupName: "team-0", userEmail: "${email(1)}" });
new jc.ApplicationAssignment("a1", { applicationName: "App 0", userEmail: "${email(1)}" });
new jc.AdminRoleGrant("r1", { adminEmail: "admin0@e2e.example", roleName: "Manager" });`),
    );
    // A refresh configures the provider with the settings recorded by the last update, so set the limit first.
    await project.setConfig("jumpcloud:maxAttempts", "2");
    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
    // The grants as state records them (the engine rewrites its own bookkeeping on every run).
    const resources = async () =>
      (
        (await project.exportState()).deployment.resources as {
          type: string;
          urn: string;
          id: string;
          outputs: unknown;
        }[]
      )
        .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/jumpcloud:"))
        .map(({ urn, id, outputs }) => ({ urn, id, outputs }));
    const before = await resources();

    emulator.setFaults({ errorRate: 1 });
    const failed = await project.refresh();
    expect(failed.code).not.toBe(0);
    expect(all(failed)).toMatch(
      /Could not read the access of the configured organization from JumpCloud, so nothing was read or changed: JumpCloud failed to answer .*\(50[023].*Gave up after 2 attempts\./,
    );
    expect(await resources()).toEqual(before);

    emulator.setFaults({ errorRate: 0 });
    const gate = await project.run(["refresh", "--preview-only", "--expect-no-changes", "--non-interactive"]);
    expect(gate.code, all(gate)).toBe(0);
  }, 300_000);
});

async function groupId(emulator: EmulatorHandle, name: string): Promise<string> {
  const response = await fetch(`${emulator.url}/api/v2/usergroups?limit=100`, { headers: { "x-api-key": apiKey } });
  const groups = (await response.json()) as { id: string; name: string }[];
  const found = groups.find((g) => g.name === name);
  if (!found) throw new Error(`no group ${name}`);
  return found.id;
}

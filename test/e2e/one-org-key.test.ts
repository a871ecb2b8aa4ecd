import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../emulator";
import type { EmulatorHandle } from "../../emulator/types";
import { createPulumiProject, type PulumiProject, type RunResult } from "../helpers/pulumi";

// #12.1: a resource without `orgId` and one naming the configured organization are the same organization. The key
// reaches one organization and no jumpcloud:orgId is set, so "no orgId" is the organization the key reaches.
const apiKey = `jca_org_${randomBytes(16).toString("hex")}`;
const all = (r: RunResult) => `${r.stdout}\n${r.stderr}`;

/** Access declared without or with an explicit `orgId` (`org` is the TypeScript spread to add). */
const grants = (org: string) => `
new jc.ApplicationAssignment("slack-erin", { applicationName: "Slack", userEmail: "erin@org.example"${org} });
new jc.AdminRoleGrant("help-desk", { adminEmail: "bob@org.example", roleName: "Help Desk"${org} });
`;

describe("#12.1 one organization, one key, on the real engine", () => {
  let emulator: EmulatorHandle;
  let project: PulumiProject;
  let orgId: string;

  const members = (group: string) => emulator.snapshot().groups.find((g) => g.name === group)?.members;
  const writes = () => emulator.requestLog().filter((r) => r.method !== "GET" && !r.path.startsWith("/api/search/"));
  const program = (body: string) => project.writeProgram(`import * as jc from "pulumi-jumpcloud-access";\n${body}`);

  beforeAll(async () => {
    emulator = await startEmulator({
      apiKey,
      org: {
        name: "One Org",
        users: ["alice", "bob", "carol", "erin"].map((name) => ({ email: `${name}@org.example` })),
        groups: [{ name: "engineering", members: ["alice@org.example", "carol@org.example"] }],
        applications: [{ name: "slack", label: "Slack" }],
        admins: [{ email: "bob@org.example", roles: ["Read Only"] }],
      },
    });
    orgId = emulator.orgIds[0] ?? "";
    project = await createPulumiProject({
      name: "one-org-key",
      program: "export {};\n",
      config: { "jumpcloud:apiUrl": { value: emulator.url }, "jumpcloud:apiKey": { value: apiKey, secret: true } },
    });
    await program(`new jc.UserGroupMembership("alice", { groupName: "engineering", userEmail: "alice@org.example" });
${grants("")}`);
    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await project?.cleanup();
    await emulator?.stop();
  });

  it("#12.1 adding an explicit orgId equal to the default organization's is no change", async () => {
    const org = `, orgId: "${orgId.toUpperCase()}"`;
    await program(`new jc.UserGroupMembership("alice", { groupName: "engineering", userEmail: "alice@org.example"${org} });
${grants(org)}`);
    const preview = await project.preview(["--expect-no-changes"]);
    expect(preview.code, all(preview)).toBe(0);
    emulator.clearRequestLog();
    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
    expect(up.stdout).not.toMatch(/replaced|deleted|created/);
    expect(writes()).toEqual([]);
  }, 300_000);

  it("#12.1 moving a member from a UserGroupMembership without orgId to a UserGroupMembers naming the organization keeps the member", async () => {
    await program(`new jc.UserGroupMembership("alice", { groupName: "engineering", userEmail: "alice@org.example" });
${grants("")}`);
    expect((await project.up()).code).toBe(0);
    expect(members("engineering")).toEqual(["alice@org.example", "carol@org.example"]);

    // The engine creates the set, then deletes the membership at the end of the update: the delete must see that
    // the set declares alice in the same organization, and leave her in the group.
    await program(`new jc.UserGroupMembers("engineering", { groupName: "engineering", userEmails: ["alice@org.example"], orgId: "${orgId}" });
${grants("")}`);
    emulator.clearRequestLog();
    const up = await project.up();
    expect(up.code, all(up)).toBe(0);
    expect(up.stdout).toMatch(/- 1 deleted/);
    expect(members("engineering")).toEqual(["alice@org.example", "carol@org.example"]);
    expect(writes()).toEqual([]);
    expect(all(up)).toContain(
      'pulumi-jumpcloud-access: kept alice@org.example in user group "engineering": another resource in this update declares it',
    );
  }, 300_000);

  it("#12.1 an exclusive set naming the organization and a membership without orgId on one group fail check", async () => {
    await program(`new jc.UserGroupMembers("engineering", { groupName: "engineering", userEmails: ["alice@org.example"], exclusive: true, orgId: "${orgId}" });
new jc.UserGroupMembership("carol", { groupName: "engineering", userEmail: "carol@org.example" });
${grants("")}`);
    emulator.clearRequestLog();
    const preview = await project.preview();
    expect(preview.code).not.toBe(0);
    expect(all(preview)).toMatch(
      /user group "engineering" \([0-9a-f]{24}\) is managed both by UserGroupMembers \(exclusive\) and by UserGroupMembership in this program|is managed both by UserGroupMembership and by UserGroupMembers \(exclusive\) in this program/,
    );
    expect(writes()).toEqual([]);
    expect(members("engineering")).toEqual(["alice@org.example", "carol@org.example"]);
  }, 300_000);
});

import { afterEach, describe, expect, it } from "vitest";
import { adminRoleGrantKind } from "../../../provider/resources/admin-role-grant";
import type { ResourceKind } from "../../../provider/resources/resource-kind";
import { revokedAccessKind } from "../../../provider/resources/revoked-access";
import { userGroupMembersKind } from "../../../provider/resources/user-group-members";
import { userGroupMembershipKind } from "../../../provider/resources/user-group-membership";
import { nextEngineRun, type ResourceSetup, startResources } from "./fixtures";

// RevokedAccess called as the engine calls it, against the emulator over real HTTP with the real client.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function kinds(setup: ResourceSetup) {
  const ctx = () => setup.ctx;
  return {
    revoked: revokedAccessKind(ctx),
    membership: userGroupMembershipKind(ctx),
    members: userGroupMembersKind(ctx),
    role: adminRoleGrantKind(ctx),
  };
}

async function checked(kind: ResourceKind, inputs: Record<string, unknown>) {
  const result = await kind.check!({}, inputs);
  expect(result.failures ?? []).toEqual([]);
  return result.inputs ?? inputs;
}

const members = (setup: ResourceSetup, name: string) =>
  setup.emulator.snapshot().groups.find((g) => g.name === name)?.members;
const app = (setup: ResourceSetup, name: string) => setup.emulator.snapshot().applications.find((a) => a.name === name);
const roles = (setup: ResourceSetup, email: string) =>
  setup.emulator.snapshot().admins.find((a) => a.email === email)?.roles;

describe("RevokedAccess check", () => {
  it("refuses malformed inputs, naming the property, before any request", async () => {
    const setup = await startResources({}, cleanups);
    const { revoked } = kinds(setup);
    const failures = async (inputs: Record<string, unknown>) => (await revoked.check!({}, inputs)).failures;
    expect(
      await failures({ groupName: "engineering", applicationName: "Slack", userEmails: ["bob@acme.example"] }),
    ).toMatchInlineSnapshot(`
      [
        {
          "property": "applicationName",
          "reason": "set exactly one of groupId, groupName, applicationId, applicationName, adminId, adminEmail to name what the access is revoked from (groupName, applicationName are set)",
        },
      ]
    `);
    expect(await failures({ groupName: "engineering", roleNames: ["Manager"] })).toEqual([
      { property: "roleNames", reason: "does not apply to a user group: give userEmails" },
      { property: "userEmails", reason: "list at least one user (userEmails) whose membership is revoked" },
    ]);
    expect(await failures({ adminEmail: "bob@acme.example", roleNames: [] })).toEqual([
      { property: "roleNames", reason: "list at least one role (roleNames) to revoke" },
    ]);
    expect(
      await failures({ applicationName: "Slack", userEmails: ["erin@acme.example", "Erin@acme.example"] }),
    ).toEqual([
      {
        property: "userEmails[1]",
        reason: '"Erin@acme.example" is listed twice (also at userEmails[0]): list each user once',
      },
    ]);
    expect(setup.emulator.requestLog()).toEqual([]);
  });

  it("names an unknown user, group or role with the nearest match, a dynamic group and a revokeTo that is revoked", async () => {
    const setup = await startResources({}, cleanups);
    const { revoked } = kinds(setup);
    const typo = await revoked.check!(
      {},
      { applicationName: "Slack", userEmails: ["erinn@acme.example"], userGroupNames: ["enginering"] },
    );
    expect(typo.failures?.map((f) => f.property)).toEqual(["userEmails[0]", "userGroupNames[0]"]);
    expect(typo.failures?.[0]?.reason).toContain('Did you mean "erin@acme.example"?');
    expect(typo.failures?.[1]?.reason).toContain('Did you mean "engineering"?');
    expect(typo.failures?.[0]?.reason).toMatch(
      /Fix the email, or create the user in JumpCloud first\. If it was deleted, its access went with it: remove it from the revocation\.$/,
    );
    const dynamic = await revoked.check!({}, { groupName: "all-staff", userEmails: ["alice@acme.example"] });
    expect(dynamic.failures?.[0]).toMatchObject({ property: "groupName" });
    expect(dynamic.failures?.[0]?.reason).toContain("dynamic group (DYNAMIC_AUTOMATED)");
    const fallback = await revoked.check!({}, { adminEmail: "bob@acme.example", roleNames: ["Read Only"] });
    expect(fallback.failures).toEqual([
      {
        property: "revokeTo",
        reason:
          'role "Read Only" is revoked here, so it cannot also be the role the admin falls back to: set revokeTo to another role.',
      },
    ]);
    expect(setup.writes()).toEqual([]);
  });

  it("refuses an edge one resource grants and another revokes, whichever is checked first, naming both", async () => {
    const setup = await startResources({}, cleanups);
    const { revoked, membership, members } = kinds(setup);
    await checked(membership, { groupName: "engineering", userEmail: "bob@acme.example" });
    const second = await revoked.check!({}, { groupName: "engineering", userEmails: ["bob@acme.example"] });
    expect(second.failures).toEqual([
      {
        property: "groupName",
        reason:
          'bob@acme.example in user group "engineering" is granted by UserGroupMembership in this program and revoked here: each would undo the other on every update. Remove the revocation or the grant.',
      },
    ]);

    nextEngineRun(setup);
    await checked(revoked, { groupName: "sales", userEmails: ["carol@acme.example"] });
    const granted = await members.check!({}, { groupName: "sales", userEmails: ["carol@acme.example"] });
    expect(granted.failures).toEqual([
      {
        property: "groupName",
        reason:
          'carol@acme.example in user group "sales" is revoked by RevokedAccess in this program, and this UserGroupMembers grants it: each would undo the other on every update. Remove the revocation or the grant.',
      },
    ]);
    expect(setup.writes()).toEqual([]);
  });
});

describe("RevokedAccess", () => {
  it("removes a group member once JumpCloud shows it gone, reports a console re-grant as drift, removes it again, and deletes nothing", async () => {
    const setup = await startResources({ faults: { visibilityDelayMs: 40 } }, cleanups);
    const { revoked } = kinds(setup);
    const inputs = await checked(revoked, {
      groupName: "engineering",
      userEmails: ["bob@acme.example", "carol@acme.example"],
    });
    const created = await revoked.create(inputs);
    expect(members(setup, "engineering")).toEqual(["alice@acme.example"]);
    expect(setup.writes()).toEqual(["POST /api/v2/usergroups/{id}/members"]);
    const groupId = created.id;
    expect(created.outs).toMatchObject({
      parentType: "user_group",
      parentId: groupId,
      parentName: "engineering",
      removed: ["bob@acme.example"],
      regranted: [],
      revokeTo: "",
    });
    const grantIds: string[] = created.outs?.revoked.map((e: { grantId: string }) => e.grantId);
    expect(grantIds).toEqual([...grantIds].sort());
    expect(grantIds).toHaveLength(2);
    expect(created.outs?.revoked.every((e: { grantId: string }) => e.grantId.startsWith(`${groupId}/`))).toBe(true);

    // No drift right after: the next engine run reads nothing back and diffs no change.
    nextEngineRun(setup);
    const clean = await revoked.read!(groupId, created.outs ?? {});
    expect(clean.props?.regranted).toEqual([]);
    expect(await revoked.diff!(groupId, clean.props ?? {}, inputs)).toEqual({ changes: false });

    // A console re-grant shows on refresh and makes the next update remove it again, refreshed or not.
    setup.emulator.outOfBand.addGroupMember("engineering", "bob@acme.example");
    nextEngineRun(setup);
    expect(await revoked.diff!(groupId, clean.props ?? {}, inputs)).toEqual({ changes: true });
    nextEngineRun(setup);
    const drifted = await revoked.read!(groupId, created.outs ?? {});
    expect(drifted.props?.regranted).toEqual(["bob@acme.example"]);
    nextEngineRun(setup);
    expect(await revoked.diff!(groupId, drifted.props ?? {}, inputs)).toEqual({ changes: true });
    setup.emulator.clearRequestLog();
    const updated = await revoked.update!(groupId, drifted.props ?? {}, inputs);
    expect(updated.outs).toMatchObject({ removed: ["bob@acme.example"], regranted: [] });
    expect(members(setup, "engineering")).toEqual(["alice@acme.example"]);

    // Dropping the revocation sends nothing and re-grants nothing.
    nextEngineRun(setup);
    setup.emulator.clearRequestLog();
    await revoked.delete!(groupId, updated.outs ?? {});
    expect(setup.emulator.requestLog()).toEqual([]);
  });

  it("removes an application's user and group assignments, and an edge already absent costs no write", async () => {
    const setup = await startResources({}, cleanups);
    const { revoked } = kinds(setup);
    const inputs = await checked(revoked, {
      applicationName: "Slack",
      userEmails: ["erin@acme.example", "dave@acme.example"],
      userGroupNames: ["engineering"],
    });
    const created = await revoked.create(inputs);
    expect(app(setup, "slack")).toMatchObject({ groups: [], users: [] });
    expect(created.outs).toMatchObject({
      parentType: "application",
      parentName: "Slack",
      removed: ["engineering", "erin@acme.example"],
    });
    expect(setup.writes()).toEqual([
      "POST /api/v2/applications/{id}/associations",
      "POST /api/v2/applications/{id}/associations",
    ]);

    nextEngineRun(setup);
    setup.emulator.clearRequestLog();
    const again = await revoked.update!(created.id, created.outs ?? {}, inputs);
    expect(again.outs?.removed).toEqual([]);
    expect(setup.writes()).toEqual([]);
  });

  it("removes an admin's roles, moving an admin left with none to revokeTo and saying so", async () => {
    const setup = await startResources({}, cleanups);
    const { revoked } = kinds(setup);
    const some = await revoked.create(
      await checked(revoked, { adminEmail: "bob@acme.example", roleNames: ["Help Desk"] }),
    );
    expect(roles(setup, "bob@acme.example")).toEqual(["Read Only"]);
    expect(some.outs).toMatchObject({ parentType: "admin", removed: ["Help Desk"], revokeTo: "Read Only" });
    expect(setup.notices).toEqual([]);

    const only = await revoked.create(
      await checked(revoked, { adminEmail: "it-admin@acme.example", roleNames: ["Manager"] }),
    );
    expect(roles(setup, "it-admin@acme.example")).toEqual(["Read Only"]);
    expect(only.outs?.removed).toEqual(["Manager"]);
    expect(setup.notices).toEqual([
      'pulumi-jumpcloud-access: "Manager" held every role of administrator it-admin@acme.example; moved the admin to "Read Only" (revokeTo) instead of leaving a broader role.',
    ]);

    // A console re-grant of the role is drift.
    setup.emulator.outOfBand.setAdminRoles("it-admin@acme.example", ["Manager"]);
    nextEngineRun(setup);
    expect((await revoked.read!(only.id, only.outs ?? {})).props?.regranted).toEqual(["Manager"]);
  });

  it("never removes an edge another resource of the update declares, and fails closed when the sync fails", async () => {
    const setup = await startResources({}, cleanups);
    const { revoked, membership } = kinds(setup);
    // A grant created in this run (its check skipped, as `--skip-preview` may order things) declares bob.
    await membership.create({ groupName: "engineering", userEmail: "bob@acme.example" });
    setup.emulator.clearRequestLog();
    await expect(revoked.create({ groupName: "engineering", userEmails: ["bob@acme.example"] })).rejects.toThrow(
      'Cannot revoke bob@acme.example in user group "engineering": another resource in this update grants it.',
    );
    expect(setup.writes()).toEqual([]);
    expect(members(setup, "engineering")).toContain("bob@acme.example");

    nextEngineRun(setup);
    setup.emulator.setFaults({ errorRate: 1 });
    await expect(revoked.create({ groupName: "engineering", userEmails: ["bob@acme.example"] })).rejects.toThrow(
      /nothing was read or changed/,
    );
    setup.emulator.setFaults({ errorRate: 0 });
    expect(setup.writes()).toEqual([]);
    expect(members(setup, "engineering")).toContain("bob@acme.example");
  });
});

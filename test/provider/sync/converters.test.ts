import { describe, expect, it } from "vitest";
import type { JumpCloudAdmin } from "../../../provider/client/schemas";
import { indexRoles, toAdmin, toApplication, toRole, toUser, userState } from "../../../provider/sync/converters";
import { computeEffectiveAccess } from "../../../provider/sync/effective-access";
import type { ApplicationAssignmentGrant, GroupMembershipGrant } from "../../../provider/sync/graph";

const roles = indexRoles([
  toRole({ id: "r1", name: "Administrator" }),
  toRole({ id: "r2", name: "Help Desk", isCustom: false }),
  toRole({ id: "r3", name: "Auditors", isCustom: true }),
]);
const admin = (fields: Partial<JumpCloudAdmin>): JumpCloudAdmin => ({ _id: "a1", email: "Ops@Example.com", ...fields });

describe("converters", () => {
  it("derives the user state with locked over suspended over staged", () => {
    const base = { _id: "u1", username: "u", email: "u@example.com" };
    expect(userState({ ...base, state: "ACTIVATED" })).toBe("active");
    expect(userState({ ...base, state: "STAGED" })).toBe("staged");
    expect(userState({ ...base, state: "ACTIVATED", suspended: true })).toBe("suspended");
    expect(userState({ ...base, state: "SUSPENDED", account_locked: true })).toBe("locked");
    expect(toUser({ ...base, firstname: " ", lastname: "Lee" }).displayName).toBe("Lee");
  });

  it("labels an application by displayLabel, then displayName, then name", () => {
    expect(toApplication({ _id: "p", name: "slack", displayName: "Slack (old)", displayLabel: "Slack" }).label).toBe(
      "Slack",
    );
    expect(toApplication({ _id: "p", name: "slack", displayName: "Slack (old)" }).label).toBe("Slack (old)");
    expect(toApplication({ _id: "p", name: "slack" })).toEqual({
      id: "p",
      name: "slack",
      label: "slack",
      active: true,
    });
  });

  it("tells built-in from custom roles, by flag or by JumpCloud's built-in names", () => {
    expect([...roles.byId.values()].map((r) => r.builtIn)).toEqual([true, true, false]);
  });

  it("reads a single-role admin from role/roleName and links the user by email case-insensitively", () => {
    const users = new Map([["ops@example.com", "u7"]]);
    expect(toAdmin(admin({ role: "r1", roleName: "Administrator" }), roles, users)).toEqual({
      id: "a1",
      email: "Ops@Example.com",
      roleIds: ["r1"],
      roleNames: ["Administrator"],
      suspended: false,
      linkedUserId: "u7",
    });
  });

  it("reads a multi-role admin from roles[], sorted by id with names alongside", () => {
    const a = toAdmin(
      admin({ roleName: "Multi Role", roles: ["r3", "r2"], roleNames: ["Auditors", "Help Desk"] }),
      roles,
      new Map(),
    );
    expect(a.roleIds).toEqual(["r2", "r3"]);
    expect(a.roleNames).toEqual(["Help Desk", "Auditors"]);
    expect(a.linkedUserId).toBeNull();
  });

  it("resolves an admin that carries only role names through the catalogue, case-insensitively", () => {
    expect(toAdmin(admin({ roleName: "help desk" }), roles, new Map()).roleIds).toEqual(["r2"]);
    expect(() => toAdmin(admin({ roleName: "Wizard" }), roles, new Map())).toThrow(
      "Cannot read the administrators: JumpCloud's record of administrator Ops@Example.com does not say which roles the admin holds (it names the role \"Wizard\", which is not in JumpCloud's role catalogue).",
    );
  });
});

describe("computeEffectiveAccess", () => {
  const member = (groupId: string, userId: string): GroupMembershipGrant => ({
    id: `${groupId}/${userId}`,
    kind: "group_membership",
    groupId,
    userId,
  });
  const assign = (
    applicationId: string,
    targetType: "user" | "user_group",
    targetId: string,
  ): ApplicationAssignmentGrant => ({
    id: `${applicationId}/${targetType}/${targetId}`,
    kind: "application_assignment",
    applicationId,
    targetType,
    targetId,
  });

  it("keeps every path, direct first, then groups by id", () => {
    const access = computeEffectiveAccess(
      [assign("app", "user_group", "g2"), assign("app", "user", "u1"), assign("app", "user_group", "g1")],
      [member("g1", "u1"), member("g2", "u1"), member("g2", "u2")],
    );
    expect(access).toEqual([
      {
        id: "app/u1",
        applicationId: "app",
        userId: "u1",
        paths: [{ via: "direct" }, { via: "user_group", groupId: "g1" }, { via: "user_group", groupId: "g2" }],
      },
      { id: "app/u2", applicationId: "app", userId: "u2", paths: [{ via: "user_group", groupId: "g2" }] },
    ]);
  });

  it("gives an empty group's assignment nobody", () => {
    expect(computeEffectiveAccess([assign("app", "user_group", "g9")], [])).toEqual([]);
  });
});

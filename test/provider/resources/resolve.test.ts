import { describe, expect, it } from "vitest";
import { OrgIndex } from "../../../provider/resources/org-index";
import {
  resolveAdmin,
  resolveApplication,
  resolveGroup,
  resolveRole,
  resolveRoleRef,
  resolveUser,
} from "../../../provider/resources/resolve";
import { handGraph, hex } from "./graph-fixture";

const index = () => new OrgIndex(handGraph());
const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined);

describe("resolution over a synced graph", () => {
  it("finds users by id or by email ignoring case, and names duplicates and typos", () => {
    expect(value(resolveUser(index(), { email: "bob@hand.EXAMPLE" }))?.id).toBe(hex(2));
    expect(value(resolveUser(index(), { id: hex(1).toUpperCase() }))?.email).toBe("alice@hand.example");
    expect(resolveUser(index(), { email: "twin@hand.example" })).toEqual({
      ok: false,
      failure: {
        property: "userEmail",
        reason: `2 users have the email "twin@hand.example" in Hand Org when case is ignored (ids ${hex(3)}, ${hex(4)}). Use userId to pick one.`,
      },
    });
    expect(resolveUser(index(), { id: hex(77) })).toEqual({
      ok: false,
      failure: {
        property: "userId",
        reason: `no user with id "${hex(77)}" in JumpCloud organization Hand Org. Check the id, or use userEmail instead.`,
      },
    });
  });

  it("matches group names ignoring case, refuses several matches, and lists groups when nothing matches", () => {
    expect(value(resolveGroup(index(), { name: "sales" }))?.id).toBe(hex(32));
    expect(resolveGroup(index(), { name: "dup" })).toMatchObject({
      ok: false,
      failure: { property: "groupName", reason: expect.stringContaining('"dup" matches 2 user groups in Hand Org') },
    });
    expect(resolveGroup(index(), { name: "marketing" }, { id: "userGroupId", name: "userGroupName" })).toEqual({
      ok: false,
      failure: {
        property: "userGroupName",
        reason:
          'no user group named "marketing" in JumpCloud organization Hand Org. Existing groups: "dup", "engineering", "Sales". Fix the name, or create the group first.',
      },
    });
  });

  it("matches applications by label before connector name", () => {
    expect(value(resolveApplication(index(), { name: "github" }))?.id).toBe(hex(43));
    expect(value(resolveApplication(index(), { name: "Engineering GitHub" }))?.id).toBe(hex(42));
    expect(value(resolveApplication(index(), { name: "SLACK" }))?.id).toBe(hex(41));
    expect(resolveApplication(index(), { name: "slak" })).toMatchObject({
      ok: false,
      failure: { property: "applicationName", reason: expect.stringContaining('Did you mean "slack" or "Slack"?') },
    });
  });

  it("keeps admins apart from users and compares role names ignoring case", () => {
    expect(value(resolveAdmin(index(), { email: "ALICE@hand.example" }))?.id).toBe(hex(11));
    const bob = resolveAdmin(index(), { email: "bob@hand.example" });
    expect(bob.ok ? "" : bob.failure.reason).toContain("A system user has that email, but admin accounts are separate");
    expect(value(resolveRole(index(), { name: "read only" }))?.id).toBe(hex(22));
    expect(value(resolveRoleRef(index(), hex(23), "revokeTo"))?.name).toBe("Access Reviewer");
    expect(value(resolveRoleRef(index(), "access reviewer", "revokeTo"))?.id).toBe(hex(23));
    expect(resolveRoleRef(index(), "Reader", "revokeTo")).toMatchObject({
      ok: false,
      failure: {
        property: "revokeTo",
        reason:
          'no admin role named "Reader" in JumpCloud organization Hand Org. Roles: "Access Reviewer", "Administrator", "Read Only".',
      },
    });
  });

  it("keeps the edge sets consistent after our own writes", () => {
    const graph = index();
    expect(graph.hasMembership(hex(31), hex(1))).toBe(true);
    graph.removeMembership(hex(31), hex(1));
    graph.addMembership(hex(32), hex(2));
    expect([...graph.groupMembers(hex(31))]).toEqual([]);
    expect([...graph.groupMembers(hex(32))]).toEqual([hex(2)]);
    expect(graph.hasAssignment(hex(41), "user_group", hex(31))).toBe(true);
    expect(graph.hasAssignment(hex(41), "user", hex(31))).toBe(false);
    graph.setAdminRoleIds(hex(11), [hex(21), hex(23)]);
    expect(graph.adminRoleIds(hex(11))).toEqual([hex(21), hex(23)]);
  });
});

import { describe, expect, it } from "vitest";
import { OrgIndex } from "../../../provider/resources/org-index";
import {
  resolveAdmin,
  resolveApplication,
  resolveGroup,
  resolveRole,
  resolveUser,
} from "../../../provider/resources/resolve";
import type { AccessGraph } from "../../../provider/sync/graph";
import { handGraph, hex } from "./graph-fixture";

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : undefined);
const reason = (r: { ok: true } | { ok: false; failure: { reason: string } }) => (r.ok ? "" : r.failure.reason);

/** The hand graph after someone created objects in the console whose names differ only in case. */
function withLookAlikes(change: (graph: AccessGraph) => void): OrgIndex {
  const graph = handGraph();
  change(graph);
  return new OrgIndex(graph);
}

// U+212A KELVIN SIGN: JavaScript's toLowerCase() turns it into an ASCII "k".
const KELVIN = "\u212A";

describe("#12.6 no silent re-targeting: a name matching several objects ignoring case is ambiguous", () => {
  it("refuses a group name once a second group differs from it only in case, naming both and the way out", () => {
    // Before: "engineering" is the only candidate. After someone creates "Engineering", code that says either
    // spelling must not quietly move to the new group.
    expect(value(resolveGroup(new OrgIndex(handGraph()), { name: "Engineering" }))?.id).toBe(hex(31));
    const index = withLookAlikes((g) =>
      g.groups.push({ id: hex(35), name: "Engineering", membershipMethod: "STATIC" }),
    );
    for (const name of ["Engineering", "engineering", "ENGINEERING"]) {
      expect(resolveGroup(index, { name })).toEqual({
        ok: false,
        failure: {
          property: "groupName",
          reason: `"${name}" matches 2 user groups in Hand Org when case is ignored: "engineering" (id ${hex(31)}), "Engineering" (id ${hex(35)}). Names are compared ignoring case, so a group created later cannot take over this resource: use groupId to pick one.`,
        },
      });
    }
  });

  it("refuses an application label once a second application's label differs only in case", () => {
    expect(value(resolveApplication(new OrgIndex(handGraph()), { name: "GitHub" }))?.id).toBe(hex(43));
    const index = withLookAlikes((g) =>
      g.applications.push({ id: hex(44), name: "github", label: "GitHub", active: true }),
    );
    for (const name of ["github", "GitHub"]) {
      const result = resolveApplication(index, { name });
      expect(reason(result)).toBe(
        `"${name}" matches 2 applications in Hand Org when case is ignored: "github" (connector aws, id ${hex(43)}), "GitHub" (connector github, id ${hex(44)}). Names are compared ignoring case, so an application created later cannot take over this resource: use applicationId to pick one.`,
      );
    }
  });

  it("applies the same rule to connector names when no label matches", () => {
    const index = withLookAlikes((g) =>
      g.applications.push({ id: hex(45), name: "Slack", label: "Slack 2", active: true }),
    );
    expect(reason(resolveApplication(index, { name: "SLACK" }))).toBe("");
    expect(value(resolveApplication(index, { name: "SLACK" }))?.id).toBe(hex(41));
    expect(value(resolveApplication(new OrgIndex(handGraph()), { name: "AWS" }))?.id).toBe(hex(43));
    const connectors = withLookAlikes((g) => {
      g.applications.push({ id: hex(46), name: "AWS", label: "Console", active: true });
    });
    expect(reason(resolveApplication(connectors, { name: "aws" }))).toContain(
      `"aws" matches 2 applications in Hand Org when case is ignored: "github" (connector aws, id ${hex(43)}), "Console" (connector AWS, id ${hex(46)}).`,
    );
  });

  it("refuses a role name once a custom role differs from a built-in one only in case", () => {
    const index = withLookAlikes((g) => g.roles.push({ id: hex(24), name: "read only", builtIn: false }));
    expect(reason(resolveRole(index, { name: "Read Only" }))).toBe(
      `"Read Only" matches 2 admin roles in Hand Org when case is ignored: "Read Only" (id ${hex(22)}), "read only" (id ${hex(24)}). Names are compared ignoring case, so a role created later cannot take over this resource: use roleId to pick one.`,
    );
  });

  it("names every admin account and user that shares an email ignoring case", () => {
    const admins = withLookAlikes((g) =>
      g.admins.push({ ...g.admins[0]!, id: hex(12), email: "ALICE@hand.example", linkedUserId: null }),
    );
    expect(reason(resolveAdmin(admins, { email: "alice@hand.example" }))).toBe(
      `2 admin accounts have the email "alice@hand.example" in Hand Org when case is ignored (ids ${hex(11)}, ${hex(12)}). Use adminId to pick one.`,
    );
    expect(reason(resolveUser(new OrgIndex(handGraph()), { email: "TWIN@hand.example" }))).toBe(
      `2 users have the email "TWIN@hand.example" in Hand Org when case is ignored (ids ${hex(3)}, ${hex(4)}). Use userId to pick one.`,
    );
  });
});

describe("#12.7 look-alike emails: only ASCII letters are folded", () => {
  const kate = `${KELVIN}ate@hand.example`;
  const index = () =>
    withLookAlikes((g) => {
      g.users.push({ id: hex(5), email: kate, username: "kelvin", displayName: "Look-alike", state: "active" });
      g.admins.push({ ...g.admins[0]!, id: hex(13), email: `${KELVIN}eeper@hand.example`, linkedUserId: null });
    });

  it("does not resolve kate@ to an account spelled with the Kelvin sign, for a membership or an admin role", () => {
    expect(reason(resolveUser(index(), { email: "kate@hand.example" }))).toContain(
      'no user with the email "kate@hand.example" in JumpCloud organization Hand Org.',
    );
    expect(reason(resolveUser(index(), { email: "KATE@hand.example" }))).toContain("no user with the email");
    // The suggestion says why the address that looks identical is not the same one.
    expect(reason(resolveUser(index(), { email: "kate@hand.example" }))).toContain(
      `Did you mean "${kate}" (with non-ASCII U+212A)?`,
    );
    expect(reason(resolveAdmin(index(), { email: "keeper@hand.example" }))).toContain(
      'no admin account with the email "keeper@hand.example"',
    );
  });

  it("still resolves the exact non-ASCII address, and folds its ASCII letters only", () => {
    expect(value(resolveUser(index(), { email: kate }))?.id).toBe(hex(5));
    expect(value(resolveUser(index(), { email: `${KELVIN}ATE@HAND.example` }))?.id).toBe(hex(5));
    expect(value(resolveAdmin(index(), { email: `${KELVIN}eeper@hand.example` }))?.id).toBe(hex(13));
  });

  it("keeps group names with non-ASCII letters apart from their ASCII look-alikes", () => {
    const groups = withLookAlikes((g) =>
      g.groups.push({ id: hex(36), name: `${KELVIN}itchen`, membershipMethod: "STATIC" }),
    );
    expect(reason(resolveGroup(groups, { name: "kitchen" }))).toContain('no user group named "kitchen"');
    expect(value(resolveGroup(groups, { name: `${KELVIN}ITCHEN` }))?.id).toBe(hex(36));
  });
});

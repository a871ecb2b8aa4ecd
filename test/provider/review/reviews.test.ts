import { describe, expect, it } from "vitest";
import { computeReviews } from "../../../provider/review";
import { buildGraph, handMadeOrg, oid } from "./fixtures";

const graph = buildGraph(handMadeOrg);
const reviews = computeReviews(graph);
const app = (label: string) => {
  const found = reviews.applications.find((a) => a.label === label);
  if (!found) throw new Error(`no application ${label}`);
  return found;
};
const accessOf = (label: string) =>
  Object.fromEntries(app(label).access.map((a) => [a.user.email, { how: a.how, description: a.description }]));

describe("application reviews", () => {
  it("tells direct, via-group and both apart, and lists every group route", () => {
    expect(accessOf("Slack")).toEqual({
      "alice@example.com": { how: "direct_and_via_group", description: "direct and via group engineering" },
      "bob@example.com": { how: "via_group", description: "via group engineering" },
      "dave@example.com": { how: "via_group", description: "via group engineering" },
      "grace@example.com": {
        how: "via_group",
        description: expect.stringMatching(/^via groups (engineering, ops|ops, engineering)$/),
      },
    });
    const alice = app("Slack").access.find((a) => a.user.email === "alice@example.com");
    expect(alice?.routes.map((r) => r.via)).toEqual(["direct", "user_group"]);
    expect(alice?.routes[1]?.grantIds).toEqual([
      `${oid("app:slack")}/user_group/${oid("group:engineering")}`,
      `${oid("group:engineering")}/${oid("user:alice@example.com")}`,
    ]);
  });

  it("lists direct-only access and applications nobody reaches", () => {
    expect(accessOf("GitHub")).toEqual({
      "carol@example.com": { how: "direct", description: "direct" },
      "erin@example.com": { how: "direct", description: "direct" },
    });
    expect(app("Figma")).toMatchObject({
      active: false,
      access: [],
      directUserCount: 0,
      assignedGroups: [{ name: "design", memberCount: 0 }],
    });
    expect(app("Slack").assignedGroups.map((g) => [g.name, g.memberCount])).toEqual([
      ["engineering", 4],
      ["ops", 1],
    ]);
    expect(app("Slack").directUserCount).toBe(1);
    expect(reviews.applications.map((a) => a.label)).toEqual(["Figma", "GitHub", "Slack"]);
    expect(app("Slack").consoleUrl).toBe(`https://console.jumpcloud.com/#/sso/${oid("app:slack")}/details`);
  });

  it("links the user account to the admin account of the same person", () => {
    const alice = app("Slack").access.find((a) => a.user.email === "alice@example.com")?.user;
    expect(alice?.adminAccount).toEqual({
      id: oid("admin:Alice@Example.com"),
      email: "Alice@Example.com",
      roleNames: expect.arrayContaining(["Administrator", "Help Desk"]),
    });
    const bob = app("Slack").access.find((a) => a.user.email === "bob@example.com")?.user;
    expect(bob?.adminAccount).toBeNull();
  });
});

describe("group reviews", () => {
  it("lists direct members with their state", () => {
    const eng = reviews.groups.find((g) => g.name === "engineering");
    expect(eng?.members.map((m) => [m.email, m.state])).toEqual([
      ["alice@example.com", "active"],
      ["bob@example.com", "active"],
      ["dave@example.com", "suspended"],
      ["grace@example.com", "active"],
    ]);
    expect(eng?.applications.map((a) => a.label)).toEqual(["Slack"]);
    expect(reviews.groups.find((g) => g.name === "design")?.members).toEqual([]);
  });
});

describe("role reviews", () => {
  it("lists admins per role with their linked user account, multi-role admins under each role", () => {
    const role = (name: string) =>
      reviews.roles
        .find((r) => r.name === name)
        ?.admins.map((a) => ({ email: a.email, user: a.linkedUser?.email ?? null, roles: [...a.roleNames].sort() }));
    expect(role("Administrator")).toEqual([
      { email: "Alice@Example.com", user: "alice@example.com", roles: ["Administrator", "Help Desk"] },
      { email: "root@example.com", user: null, roles: ["Administrator"] },
    ]);
    expect(role("Help Desk")).toEqual([
      { email: "Alice@Example.com", user: "alice@example.com", roles: ["Administrator", "Help Desk"] },
    ]);
    expect(role("Custom Auditor")).toEqual([
      { email: "carol@example.com", user: "carol@example.com", roles: ["Custom Auditor"] },
    ]);
    expect(role("Read Only")).toEqual([]);
    expect(reviews.roles.find((r) => r.name === "Custom Auditor")?.builtIn).toBe(false);
  });
});

describe("exceptions", () => {
  it("reports suspended and locked users who still hold access, and skips those who hold none", () => {
    expect(
      reviews.suspendedWithAccess.map((s) => ({
        email: s.user.email,
        state: s.user.state,
        apps: s.applications.map((a) => `${a.label}:${a.how}`),
        groups: s.groups.map((g) => g.name),
      })),
    ).toEqual([
      { email: "dave@example.com", state: "suspended", apps: ["Slack:via_group"], groups: ["engineering"] },
      { email: "erin@example.com", state: "locked", apps: ["GitHub:direct"], groups: [] },
    ]);
  });

  it("lists dual accounts, admin-only accounts and suspended admins still holding roles", () => {
    expect(reviews.dualAccounts.map((d) => [d.userEmail, d.adminEmail, d.adminSuspended])).toEqual([
      ["alice@example.com", "Alice@Example.com", false],
      ["carol@example.com", "carol@example.com", true],
    ]);
    expect(reviews.adminsWithoutUser.map((a) => [a.email, a.roleNames])).toEqual([
      ["root@example.com", ["Administrator"]],
    ]);
    expect(reviews.suspendedAdminsWithRoles.map((a) => a.email)).toEqual(["carol@example.com"]);
  });
});

describe("unmanaged flags", () => {
  it("flags nothing without managed ids, and exactly the undeclared grants with them", () => {
    expect(
      reviews.applications.flatMap((a) => a.access.flatMap((e) => e.routes.flatMap((r) => r.unmanagedGrantIds))),
    ).toEqual([]);
    const bobMembership = `${oid("group:engineering")}/${oid("user:bob@example.com")}`;
    const managed = [...graph.memberships, ...graph.applicationAssignments, ...graph.adminRoles]
      .map((g) => g.id)
      .filter((id) => id !== bobMembership);
    const flagged = computeReviews(graph, { managedEdgeIds: managed });
    const slack = flagged.applications.find((a) => a.label === "Slack");
    const routes = slack?.access.filter((e) => e.routes.some((r) => r.unmanagedGrantIds.length > 0));
    expect(routes?.map((e) => [e.user.email, e.routes.flatMap((r) => r.unmanagedGrantIds)])).toEqual([
      ["bob@example.com", [bobMembership]],
    ]);
    const eng = flagged.groups.find((g) => g.name === "engineering");
    expect(eng?.members.filter((m) => m.unmanaged).map((m) => m.email)).toEqual(["bob@example.com"]);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(computeReviews(buildGraph(handMadeOrg)))).toBe(JSON.stringify(reviews));
  });
});

import { describe, expect, it } from "vitest";
import {
  compareNames,
  importedManifestText,
  importFromGraph,
  MANIFEST_SCHEMA_COMMENT,
  parseManifestText,
} from "../../../provider/manifest";
import { nameGlob, splitPatterns } from "../../../provider/manifest/name-glob";
import type { AccessGraph } from "../../../provider/sync/graph";
import { importFixtureGraph } from "../../helpers/import/graph-fixture";
import { directStaticEdgeIds, plannedEdgeIds, schemaErrors } from "../../helpers/import/round-trip";

const header = ["Imported from Acme Corp."];

// The whole file for the fixture org: every left-out object named in a comment where it belongs, names quoted only
// where YAML needs it, sorted ignoring case.
const EXPECTED = `# yaml-language-server: $schema=./node_modules/pulumi-jumpcloud-access/schema/access-manifest.schema.json
# Imported from Acme Corp.

version: 1

# Left out group " padded" (g-padded) and its members: its name has leading or trailing spaces, which a name in access.yaml cannot have
# Left out group "Sales" (g-sales-upper) and its members: 2 user groups are named "Sales" ignoring case, so the name would not pick one; use groupId in TypeScript
# Left out group "sales" (g-sales-lower) and its members: 2 user groups are named "sales" ignoring case, so the name would not pick one; use groupId in TypeScript
# Dynamic groups are not imported: JumpCloud binds their members by rule and rejects or reverts manual changes (change the rule in JumpCloud): "all-staff" (DYNAMIC_AUTOMATED)
# The --exclusive pattern "nothing-*" matches no imported static group
groups:
  empty:
    members: []
  # Left out member user u-noemail: it has no email, and access.yaml names users by email; use userId in TypeScript
  # Not marked exclusive although --exclusive matches it: members were left out, and an exclusive group would remove them
  engineering:
    members:
      - alice@acme.example
      - Bob@Acme.example
  "on-call: primary":
    members:
      - Bob@Acme.example
  # Left out member user "dup@acme.example" (u-dup1): 2 users have this email ignoring case; use userId in TypeScript
  # Left out member user "carol@localhost" (u-localhost): "carol@localhost" is not an email address access.yaml accepts; use userId in TypeScript
  # Not marked exclusive although --exclusive matches it: members were left out, and an exclusive group would remove them
  ops:
    members:
      - alice@acme.example
      - erin@acme.example
  "true":
    exclusive: true
    members:
      - erin@acme.example

# Left out application "Wiki" (p-wiki1) and its assignments: 2 applications are named "Wiki" ignoring case, so the name would not pick one; use applicationId in TypeScript
# Left out application "wiki" (p-wiki2) and its assignments: 2 applications are named "wiki" ignoring case, so the name would not pick one; use applicationId in TypeScript
applications:
  # Left out assigned user "DUP@acme.example" (u-dup2): 2 users have this email ignoring case; use userId in TypeScript
  # Left out assigned group "Sales" (g-sales-upper): 2 user groups are named "Sales" ignoring case, so the name would not pick one; use groupId in TypeScript
  GitHub:
    groups:
      - all-staff
      - engineering
    users:
      - Bob@Acme.example
  Jira:
    groups:
      - ops
  Slack:
    users:
      - erin@acme.example
  Zoom: {}

# Left out admin "custom@acme.example" (a-custom): none of its roles can be written (role "Custom" (r-custom1): 2 admin roles are named "Custom" ignoring case, so the name would not pick one; use roleId in TypeScript)
# Left out admin "Twin@acme.example" (a-twin2) and its roles: 2 admin accounts have this email ignoring case; use adminId in TypeScript
# Left out admin "twin@acme.example" (a-twin1) and its roles: 2 admin accounts have this email ignoring case; use adminId in TypeScript
admins:
  it@acme.example:
    roles:
      - Administrator
  Ops@acme.example:
    roles:
      - Help Desk
      - Read Only
`;

/** The same organization with every list in the opposite order. */
function reversed(graph: AccessGraph): AccessGraph {
  const copy = structuredClone(graph);
  for (const key of Object.keys(copy) as (keyof AccessGraph)[]) {
    const value = copy[key];
    if (Array.isArray(value)) value.reverse();
  }
  for (const admin of copy.admins) {
    admin.roleIds.reverse();
    admin.roleNames.reverse();
  }
  return copy;
}

describe("importFromGraph and importedManifestText", () => {
  const graph = importFixtureGraph();
  const selection = { exclusive: ["ENG*", "ops", "tru?", "nothing-*"] };

  it("writes the organization's direct static access with every left-out object explained in place", () => {
    const text = importedManifestText(importFromGraph(graph, selection), header);
    expect(text).toBe(EXPECTED);
    expect(text.split("\n")[0]).toBe(`#${MANIFEST_SCHEMA_COMMENT}`);
  });

  it("loads with the project's loader with zero issues and validates against the JSON Schema", () => {
    const text = importedManifestText(importFromGraph(graph, selection), header);
    const loaded = parseManifestText(text, "access.yaml", { now: new Date("2026-12-01T00:00:00Z") });
    expect(loaded.warnings).toEqual([]);
    expect(loaded.exclusiveGroups).toEqual(["true"]);
    expect(schemaErrors(text)).toEqual([]);
  });

  it("#12.8 marks an imported empty group that --exclusive matches allowEmpty, so it loads and stays empty", () => {
    const text = importedManifestText(importFromGraph(graph, { exclusive: ["empty"] }), header);
    expect(text).toContain("  empty:\n    exclusive: true\n    allowEmpty: true\n    members: []\n");
    const loaded = parseManifestText(text, "access.yaml", { now: new Date("2026-12-01T00:00:00Z") });
    expect(loaded.exclusiveGroups).toEqual(["empty"]);
    expect(loaded.manifest.groups?.empty?.allowEmpty).toBe(true);
    expect(schemaErrors(text)).toEqual([]);
  });

  it("declares exactly the graph's direct static edges, minus the named left-outs", () => {
    const text = importedManifestText(importFromGraph(graph, selection), header);
    const planned = plannedEdgeIds(graph, text);
    const leftOut = [
      "a-custom/r-custom1", // both roles are named "custom" ignoring case; the admin has no other role
      "a-twin1/r-ro", // two admins share the email ignoring case
      "a-twin2/r-ro",
      "g-eng/u-noemail", // no email
      "g-ops/u-dup1", // two users share the email ignoring case
      "g-ops/u-localhost", // an email the manifest refuses
      "g-padded/u-alice", // the group name has a leading space
      "g-sales-lower/u-erin", // two groups are named "sales" ignoring case
      "g-sales-upper/u-alice",
      "p-gh/user/u-dup2",
      "p-gh/user_group/g-sales-upper",
      "p-wiki1/user/u-alice", // two applications are labelled "wiki" ignoring case
    ];
    expect(planned).toEqual(directStaticEdgeIds(graph).filter((id) => !leftOut.includes(id)));
    // The dynamic group's memberships are not declared, but an application assigned to it is.
    expect(planned).toContain("p-gh/user_group/g-all");
    expect(planned.some((id) => id.startsWith("g-all/"))).toBe(false);
  });

  it("warns once per left-out object or edge, naming it and why, and says nothing about what it wrote", () => {
    const { remarks } = importFromGraph(graph, selection);
    const warnings = remarks.filter((r) => r.warn).map((r) => `${r.section}${r.entry ? ` ${r.entry}` : ""}: ${r.text}`);
    expect(warnings).toEqual([
      'groups: left out group " padded" (g-padded) and its members: its name has leading or trailing spaces, which a name in access.yaml cannot have',
      "groups engineering: left out member user u-noemail: it has no email, and access.yaml names users by email; use userId in TypeScript",
      "groups engineering: not marked exclusive although --exclusive matches it: members were left out, and an exclusive group would remove them",
      'groups ops: left out member user "dup@acme.example" (u-dup1): 2 users have this email ignoring case; use userId in TypeScript',
      'groups ops: left out member user "carol@localhost" (u-localhost): "carol@localhost" is not an email address access.yaml accepts; use userId in TypeScript',
      "groups ops: not marked exclusive although --exclusive matches it: members were left out, and an exclusive group would remove them",
      'groups: left out group "Sales" (g-sales-upper) and its members: 2 user groups are named "Sales" ignoring case, so the name would not pick one; use groupId in TypeScript',
      'groups: left out group "sales" (g-sales-lower) and its members: 2 user groups are named "sales" ignoring case, so the name would not pick one; use groupId in TypeScript',
      'applications GitHub: left out assigned user "DUP@acme.example" (u-dup2): 2 users have this email ignoring case; use userId in TypeScript',
      'applications GitHub: left out assigned group "Sales" (g-sales-upper): 2 user groups are named "Sales" ignoring case, so the name would not pick one; use groupId in TypeScript',
      'applications: left out application "Wiki" (p-wiki1) and its assignments: 2 applications are named "Wiki" ignoring case, so the name would not pick one; use applicationId in TypeScript',
      'applications: left out application "wiki" (p-wiki2) and its assignments: 2 applications are named "wiki" ignoring case, so the name would not pick one; use applicationId in TypeScript',
      'admins: left out admin "custom@acme.example" (a-custom): none of its roles can be written (role "Custom" (r-custom1): 2 admin roles are named "Custom" ignoring case, so the name would not pick one; use roleId in TypeScript)',
      'admins: left out admin "Twin@acme.example" (a-twin2) and its roles: 2 admin accounts have this email ignoring case; use adminId in TypeScript',
      'admins: left out admin "twin@acme.example" (a-twin1) and its roles: 2 admin accounts have this email ignoring case; use adminId in TypeScript',
      'groups: the --exclusive pattern "nothing-*" matches no imported static group',
    ]);
    // Dynamic groups are a fact about the org, not a failure: a comment, no warning.
    expect(remarks.filter((r) => !r.warn).map((r) => r.text)).toEqual([
      'dynamic groups are not imported: JumpCloud binds their members by rule and rejects or reverts manual changes (change the rule in JumpCloud): "all-staff" (DYNAMIC_AUTOMATED)',
    ]);
  });

  it("is byte-identical whatever order the graph lists things in", () => {
    const text = importedManifestText(importFromGraph(graph, selection), header);
    expect(importedManifestText(importFromGraph(reversed(graph), selection), header)).toBe(text);
    expect(importedManifestText(importFromGraph(importFixtureGraph(), selection), header)).toBe(text);
  });

  it("imports only what the patterns select: groups by name, applications by label or connector, admins by email", () => {
    const imported = importFromGraph(graph, {
      groups: ["ENG*", "o?s", "missing-*"],
      applications: ["jira-*", "slack"],
      admins: [],
      exclusive: ["ops"],
    });
    expect(imported.groups).toEqual([
      { name: "engineering", exclusive: false, members: ["alice@acme.example", "Bob@Acme.example"] },
      // Not exclusive after all: two of its members cannot be written (see above).
      { name: "ops", exclusive: false, members: ["alice@acme.example", "erin@acme.example"] },
    ]);
    expect(imported.applications).toEqual([
      { label: "Jira", groups: ["ops"], users: [] },
      { label: "Slack", groups: [], users: ["erin@acme.example"] },
    ]);
    expect(imported.admins).toEqual([]);
    expect(imported.counts).toEqual({ memberships: 4, groupAssignments: 1, userAssignments: 1, adminRoles: 0 });
    expect(imported.remarks.map((r) => r.text)).toContain('the pattern "missing-*" matches no user group');
    // Nothing about objects that were not selected.
    expect(imported.remarks.some((r) => /Sales|Wiki|twin/i.test(r.text))).toBe(false);
  });

  it("leaves out edges to objects a saved graph does not have, naming the id", () => {
    const broken = importFixtureGraph();
    broken.memberships.push({ id: "g-true/u-gone", kind: "group_membership", groupId: "g-true", userId: "u-gone" });
    broken.applicationAssignments.push({
      id: "p-slack/user_group/g-gone",
      kind: "application_assignment",
      applicationId: "p-slack",
      targetType: "user_group",
      targetId: "g-gone",
    });
    broken.adminRoles.push({ id: "a-it/r-gone", kind: "admin_role", adminId: "a-it", roleId: "r-gone" });
    const imported = importFromGraph(broken, { groups: ["true"], applications: ["slack"], admins: ["it@*"] });
    expect(imported.remarks.filter((r) => r.warn)).toEqual([
      {
        section: "groups",
        entry: "true",
        warn: true,
        text: "left out member u-gone: the graph has no user with this id",
      },
      {
        section: "applications",
        entry: "Slack",
        warn: true,
        text: "left out assigned group g-gone: the graph has no group with this id",
      },
      {
        section: "admins",
        entry: "it@acme.example",
        warn: true,
        text: "left out role r-gone: the graph has no role with this id",
      },
    ]);
    expect(imported.counts).toEqual({ memberships: 1, groupAssignments: 0, userAssignments: 1, adminRoles: 1 });
  });

  it("marks no group exclusive unless asked", () => {
    const imported = importFromGraph(graph, { groups: ["true", "on-call*"] });
    expect(imported.groups.map((g) => g.exclusive)).toEqual([false, false]);
    expect(importFromGraph(graph).groups.filter((g) => g.exclusive)).toEqual([]);
  });

  it("marks a group exclusive when every member is written", () => {
    const imported = importFromGraph(graph, {
      groups: ["true", "on-call*"],
      applications: [],
      admins: [],
      exclusive: ["*"],
    });
    expect(imported.groups).toEqual([
      { name: "on-call: primary", exclusive: true, members: ["Bob@Acme.example"] },
      { name: "true", exclusive: true, members: ["erin@acme.example"] },
    ]);
    expect(imported.remarks.filter((r) => r.warn)).toEqual([]);
  });
});

describe("name patterns", () => {
  it("match whole names, ignore case, and treat only * and ? as special", () => {
    expect(nameGlob("eng-*").test("ENG-platform")).toBe(true);
    expect(nameGlob("eng-*").test("my-eng-platform")).toBe(false);
    expect(nameGlob("a.b?").test("a.bc")).toBe(true);
    expect(nameGlob("a.b?").test("axbc")).toBe(false);
    expect(nameGlob("a.b?").test("a.bcd")).toBe(false);
    expect(nameGlob("(x)+[y]").test("(x)+[y]")).toBe(true);
    expect(nameGlob("*").test("line\nbreak")).toBe(true);
  });

  it("split repeated options and comma lists, dropping blanks", () => {
    expect(splitPatterns(["eng-*, ops", "", "x,,y"])).toEqual(["eng-*", "ops", "x", "y"]);
    expect(splitPatterns([""])).toEqual([]);
  });

  it("sort ignoring case, then by code unit, whatever the locale", () => {
    expect(["b", "B", "a", "A", "_"].sort(compareNames)).toEqual(["_", "A", "a", "B", "b"]);
  });
});

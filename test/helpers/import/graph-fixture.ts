import {
  ACCESS_GRAPH_SCHEMA_VERSION,
  type AccessGraph,
  type Group,
  type User,
  adminRoleId,
  applicationAssignmentId,
  membershipId,
} from "../../../provider/sync/graph";

/**
 * A small organization with every name an import must not write: a user without an email, one whose email the
 * manifest refuses, two users and two admins sharing an email ignoring case, two groups, two application labels and
 * two roles that differ only by case, a group name with a leading space, plus a dynamic group and names that need
 * YAML quoting.
 */
const user = (id: string, email: string): User => ({ id, email, username: id, displayName: id, state: "active" });
const group = (id: string, name: string, membershipMethod: Group["membershipMethod"] = "STATIC"): Group => ({
  id,
  name,
  membershipMethod,
});

export function importFixtureGraph(): AccessGraph {
  const members: [string, string][] = [
    ["g-eng", "u-alice"],
    ["g-eng", "u-bob"],
    ["g-eng", "u-noemail"],
    ["g-ops", "u-erin"],
    ["g-ops", "u-alice"],
    ["g-true", "u-erin"],
    ["g-oncall", "u-bob"],
    ["g-sales-upper", "u-alice"],
    ["g-sales-lower", "u-erin"],
    ["g-all", "u-alice"],
    ["g-all", "u-bob"],
    ["g-padded", "u-alice"],
    ["g-ops", "u-localhost"],
    ["g-ops", "u-dup1"],
  ];
  const assignments: [string, "user" | "user_group", string][] = [
    ["p-gh", "user_group", "g-eng"],
    ["p-gh", "user_group", "g-sales-upper"],
    ["p-gh", "user_group", "g-all"],
    ["p-gh", "user", "u-bob"],
    ["p-gh", "user", "u-dup2"],
    ["p-slack", "user", "u-erin"],
    ["p-wiki1", "user", "u-alice"],
    ["p-jira", "user_group", "g-ops"],
  ];
  const admins = [
    { id: "a-it", email: "it@acme.example", roleIds: ["r-admin"] },
    { id: "a-ops", email: "Ops@acme.example", roleIds: ["r-help", "r-ro"] },
    { id: "a-custom", email: "custom@acme.example", roleIds: ["r-custom1"] },
    { id: "a-twin1", email: "twin@acme.example", roleIds: ["r-ro"] },
    { id: "a-twin2", email: "Twin@acme.example", roleIds: ["r-ro"] },
  ];
  const roles = [
    { id: "r-admin", name: "Administrator", builtIn: true },
    { id: "r-help", name: "Help Desk", builtIn: true },
    { id: "r-ro", name: "Read Only", builtIn: true },
    { id: "r-custom1", name: "Custom", builtIn: false },
    { id: "r-custom2", name: "custom", builtIn: false },
  ];
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name ?? id;
  return {
    schemaVersion: ACCESS_GRAPH_SCHEMA_VERSION,
    generatedAt: "2026-12-01T00:00:00.000Z",
    org: { id: "org-acme", name: "Acme Corp", apiUrl: "http://127.0.0.1:1" },
    users: [
      user("u-alice", "alice@acme.example"),
      user("u-bob", "Bob@Acme.example"),
      user("u-noemail", ""),
      user("u-localhost", "carol@localhost"),
      user("u-dup1", "dup@acme.example"),
      user("u-dup2", "DUP@acme.example"),
      user("u-erin", "erin@acme.example"),
    ],
    admins: admins.map((a) => ({ ...a, roleNames: a.roleIds.map(roleName), suspended: false, linkedUserId: null })),
    roles,
    groups: [
      group("g-eng", "engineering"),
      group("g-ops", "ops"),
      group("g-true", "true", "NOTSET"),
      group("g-oncall", "on-call: primary"),
      group("g-sales-upper", "Sales"),
      group("g-sales-lower", "sales"),
      group("g-all", "all-staff", "DYNAMIC_AUTOMATED"),
      group("g-padded", " padded"),
      group("g-empty", "empty"),
    ],
    applications: [
      { id: "p-gh", name: "github", label: "GitHub", active: true },
      { id: "p-slack", name: "slack", label: "Slack", active: true },
      { id: "p-wiki1", name: "wiki", label: "Wiki", active: true },
      { id: "p-wiki2", name: "confluence", label: "wiki", active: true },
      { id: "p-jira", name: "jira-cloud", label: "Jira", active: false },
      { id: "p-zoom", name: "zoom", label: "Zoom", active: true },
    ],
    memberships: members.map(([g, u]) => ({
      id: membershipId(g, u),
      kind: "group_membership" as const,
      groupId: g,
      userId: u,
    })),
    applicationAssignments: assignments.map(([app, type, target]) => ({
      id: applicationAssignmentId(app, type, target),
      kind: "application_assignment" as const,
      applicationId: app,
      targetType: type,
      targetId: target,
    })),
    adminRoles: admins.flatMap((a) =>
      a.roleIds.map((r) => ({ id: adminRoleId(a.id, r), kind: "admin_role" as const, adminId: a.id, roleId: r })),
    ),
    effectiveAccess: [],
  };
}

import { createHash } from "node:crypto";
import {
  ACCESS_GRAPH_SCHEMA_VERSION,
  type AccessGraph,
  type AccessPath,
  adminRoleId,
  applicationAssignmentId,
  effectiveAccessId,
  membershipId,
  type UserState,
} from "../../../provider/sync/graph";

/** A deterministic 24-hex id for a fixture key, like JumpCloud's ObjectIds. */
export const oid = (key: string): string => createHash("sha256").update(key).digest("hex").slice(0, 24);

export interface OrgFixture {
  users: { email: string; name?: string; state?: UserState }[];
  groups: { name: string; members: string[] }[];
  applications: { name: string; label?: string; active?: boolean; groups?: string[]; users?: string[] }[];
  roles: string[];
  admins: { email: string; roles: string[]; suspended?: boolean }[];
  generatedAt?: string;
}

/**
 * Builds an access graph from names and emails, the way the sync would: ids from keys, every array sorted by id,
 * effective access derived from direct assignments and group assignments × members (paths: direct first, then
 * groups by id), admins linked to users by email compared case-insensitively.
 */
export function buildGraph(org: OrgFixture): AccessGraph {
  const userId = (email: string) => oid(`user:${email.toLowerCase()}`);
  const groupId = (name: string) => oid(`group:${name}`);
  const appId = (name: string) => oid(`app:${name}`);
  const roleId = (name: string) => oid(`role:${name}`);
  const sortById = <T extends { id: string }>(items: T[]): T[] => items.sort((a, b) => (a.id < b.id ? -1 : 1));

  const memberships = sortById(
    org.groups.flatMap((g) =>
      g.members.map((email) => ({
        id: membershipId(groupId(g.name), userId(email)),
        kind: "group_membership" as const,
        groupId: groupId(g.name),
        userId: userId(email),
      })),
    ),
  );
  const applicationAssignments = sortById(
    org.applications.flatMap((a) => [
      ...(a.groups ?? []).map((g) => ({
        id: applicationAssignmentId(appId(a.name), "user_group", groupId(g)),
        kind: "application_assignment" as const,
        applicationId: appId(a.name),
        targetType: "user_group" as const,
        targetId: groupId(g),
      })),
      ...(a.users ?? []).map((email) => ({
        id: applicationAssignmentId(appId(a.name), "user", userId(email)),
        kind: "application_assignment" as const,
        applicationId: appId(a.name),
        targetType: "user" as const,
        targetId: userId(email),
      })),
    ]),
  );
  const effective = new Map<string, { applicationId: string; userId: string; paths: AccessPath[] }>();
  const reach = (app: string, user: string, path: AccessPath) => {
    const id = effectiveAccessId(app, user);
    const entry = effective.get(id) ?? { applicationId: app, userId: user, paths: [] };
    entry.paths.push(path);
    effective.set(id, entry);
  };
  for (const a of applicationAssignments) {
    if (a.targetType === "user") reach(a.applicationId, a.targetId, { via: "direct" });
    else
      for (const m of memberships)
        if (m.groupId === a.targetId) reach(a.applicationId, m.userId, { via: "user_group", groupId: a.targetId });
  }
  const pathKey = (p: AccessPath) => (p.via === "direct" ? "" : p.groupId);
  const effectiveAccess = sortById(
    [...effective].map(([id, e]) => ({
      id,
      ...e,
      paths: e.paths.sort((x, y) => (pathKey(x) < pathKey(y) ? -1 : 1)),
    })),
  );
  const admins = org.admins.map((a) => {
    const roleIds = a.roles.map(roleId).sort();
    const linked = org.users.find((u) => u.email.toLowerCase() === a.email.toLowerCase());
    return {
      id: oid(`admin:${a.email}`),
      email: a.email,
      roleIds,
      roleNames: roleIds.map((id) => a.roles.find((r) => roleId(r) === id) as string),
      suspended: a.suspended ?? false,
      linkedUserId: linked ? userId(linked.email) : null,
    };
  });
  return {
    schemaVersion: ACCESS_GRAPH_SCHEMA_VERSION,
    generatedAt: org.generatedAt ?? "2026-11-30T04:00:00.000Z",
    org: { id: oid("org"), name: "Example Corp", apiUrl: "https://console.jumpcloud.com" },
    users: sortById(
      org.users.map((u) => ({
        id: userId(u.email),
        email: u.email,
        username: u.email.split("@")[0] as string,
        displayName: u.name ?? (u.email.split("@")[0] as string),
        state: u.state ?? "active",
      })),
    ),
    admins: sortById(admins),
    roles: sortById(org.roles.map((name) => ({ id: roleId(name), name, builtIn: !name.startsWith("Custom") }))),
    groups: sortById(
      org.groups.map((g) => ({ id: groupId(g.name), name: g.name, membershipMethod: "STATIC" as const })),
    ),
    applications: sortById(
      org.applications.map((a) => ({
        id: appId(a.name),
        name: a.name,
        label: a.label ?? a.name,
        active: a.active ?? true,
      })),
    ),
    memberships,
    applicationAssignments,
    adminRoles: sortById(
      admins.flatMap((a) =>
        a.roleIds.map((r) => ({ id: adminRoleId(a.id, r), kind: "admin_role" as const, adminId: a.id, roleId: r })),
      ),
    ),
    effectiveAccess,
  };
}

/**
 * The hand-made org of the acceptance list: access direct, via a group, and both; a user reaching one application
 * through two groups; a person with a user and an admin account (emails differing in case); a multi-role admin; an
 * admin-only account; a suspended and a locked user still holding access; a group assigned to an app with no members.
 */
export const handMadeOrg: OrgFixture = {
  users: [
    { email: "alice@example.com", name: "Alice Adams" },
    { email: "bob@example.com", name: "Bob Brown" },
    { email: "carol@example.com", name: "Carol Clark" },
    { email: "dave@example.com", name: "Dave Davis", state: "suspended" },
    { email: "erin@example.com", name: "Erin Evans", state: "locked" },
    { email: "frank@example.com", name: "Frank Fox" },
    { email: "grace@example.com", name: "Grace Green" },
    { email: "heidi@example.com", name: "Heidi Hill", state: "suspended" },
  ],
  groups: [
    { name: "engineering", members: ["alice@example.com", "bob@example.com", "dave@example.com", "grace@example.com"] },
    { name: "ops", members: ["grace@example.com"] },
    { name: "design", members: [] },
  ],
  applications: [
    { name: "slack", label: "Slack", groups: ["engineering", "ops"], users: ["alice@example.com"] },
    { name: "github", label: "GitHub", users: ["carol@example.com", "erin@example.com"] },
    { name: "figma", label: "Figma", active: false, groups: ["design"] },
  ],
  roles: ["Administrator", "Help Desk", "Read Only", "Custom Auditor"],
  admins: [
    { email: "Alice@Example.com", roles: ["Administrator", "Help Desk"] },
    { email: "root@example.com", roles: ["Administrator"] },
    { email: "carol@example.com", roles: ["Custom Auditor"], suspended: true },
  ],
};

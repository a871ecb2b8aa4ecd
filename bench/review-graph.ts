import {
  ACCESS_GRAPH_SCHEMA_VERSION,
  type AccessGraph,
  adminRoleId,
  applicationAssignmentId,
  type ApplicationAssignmentGrant,
  type GroupMembershipGrant,
  membershipId,
} from "../provider/sync/graph";
import { computeEffectiveAccess } from "../provider/sync/effective-access";

/**
 * A synthetic access graph built in memory (no emulator, no sync): the review benchmark measures the exports alone.
 * Shape as in the peers notes' reference org, scaled: U users, U/10 groups of 50 members, U/20 applications with
 * 10 direct users and 2 groups each, U/50 admins (half of them also users), 5% of users suspended.
 */
export function syntheticGraph(users: number, seed = 7): AccessGraph {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const hex = (prefix: number, i: number) => `${prefix.toString(16)}${i.toString(16).padStart(23, "0")}`;
  const pick = (n: number) => Math.floor(random() * n);
  const userIds = Array.from({ length: users }, (_, i) => hex(1, i));
  const groupCount = Math.max(1, Math.floor(users / 10));
  const appCount = Math.max(1, Math.floor(users / 20));
  const adminCount = Math.max(1, Math.floor(users / 50));
  const roles = ["Administrator", "Manager", "Help Desk", "Read Only"].map((name, i) => ({
    id: hex(9, i),
    name,
    builtIn: true,
  }));

  const memberships: GroupMembershipGrant[] = [];
  for (let g = 0; g < groupCount; g++) {
    const members = new Set<string>();
    while (members.size < Math.min(50, users)) members.add(userIds[pick(users)] as string);
    for (const u of members)
      memberships.push({ id: membershipId(hex(2, g), u), kind: "group_membership", groupId: hex(2, g), userId: u });
  }
  const assignments: ApplicationAssignmentGrant[] = [];
  for (let a = 0; a < appCount; a++) {
    const app = hex(3, a);
    const targets = new Map<string, "user" | "user_group">();
    while (targets.size < Math.min(10, users)) targets.set(userIds[pick(users)] as string, "user");
    for (let k = 0; k < 2; k++) targets.set(hex(2, pick(groupCount)), "user_group");
    for (const [target, type] of targets) {
      assignments.push({
        id: applicationAssignmentId(app, type, target),
        kind: "application_assignment",
        applicationId: app,
        targetType: type,
        targetId: target,
      });
    }
  }
  const admins = Array.from({ length: adminCount }, (_, i) => {
    const role = roles[i % roles.length] as (typeof roles)[number];
    return {
      id: hex(4, i),
      email: i % 2 === 0 ? `user${i}@bench.example` : `admin${i}@bench.example`,
      roleIds: [role.id],
      roleNames: [role.name],
      suspended: false,
      linkedUserId: i % 2 === 0 ? (userIds[i] as string) : null,
    };
  });
  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    schemaVersion: ACCESS_GRAPH_SCHEMA_VERSION,
    generatedAt: "2026-11-30T00:00:00.000Z",
    org: { id: hex(5, 0), name: "Bench Corp", apiUrl: "https://console.jumpcloud.com" },
    users: userIds.map((id, i) => ({
      id,
      email: `user${i}@bench.example`,
      username: `user${i}`,
      displayName: `User ${i}`,
      state: i % 20 === 0 ? ("suspended" as const) : ("active" as const),
    })),
    admins: byId(admins),
    roles: byId(roles),
    groups: Array.from({ length: groupCount }, (_, g) => ({
      id: hex(2, g),
      name: `group-${g}`,
      membershipMethod: "STATIC" as const,
    })),
    applications: Array.from({ length: appCount }, (_, a) => ({
      id: hex(3, a),
      name: `app${a}`,
      label: `App ${a}`,
      active: true,
    })),
    memberships: byId(memberships),
    applicationAssignments: byId(assignments),
    adminRoles: byId(
      admins.map((a) => ({
        id: adminRoleId(a.id, a.roleIds[0] as string),
        kind: "admin_role" as const,
        adminId: a.id,
        roleId: a.roleIds[0] as string,
      })),
    ),
    effectiveAccess: computeEffectiveAccess(assignments, memberships),
  };
}

/**
 * Turns what the sync read into the access graph: pure and deterministic (every array sorted by id), so the same
 * org always serializes to the same bytes apart from `generatedAt` and `sync`.
 */
import { JumpCloudError } from "../errors";
import { byId, indexRoles, toAdmin, toApplication, toGroup, toRole, toUser } from "./converters";
import { computeEffectiveAccess } from "./effective-access";
import {
  ACCESS_GRAPH_SCHEMA_VERSION,
  type AccessGraph,
  type AdminRoleGrant,
  type ApplicationAssignmentGrant,
  adminRoleId,
  applicationAssignmentId,
  GRANT_KINDS,
  type GroupMembershipGrant,
  membershipId,
  type SyncStats,
} from "./graph";
import type { RawOrg } from "./steps";

export interface GraphContext {
  apiUrl: string;
  /** The org id the client sends as `x-org-id`, if any. */
  orgId: string | undefined;
  generatedAt: Date;
  stats?: SyncStats;
}

export function buildGraph(raw: RawOrg, context: GraphContext): AccessGraph {
  const users = byId(raw.users.map(toUser));
  const roles = byId(raw.roles.map(toRole));
  const groups = byId(raw.groups.map(toGroup));
  const applications = byId(raw.applications.map(toApplication));
  const userIdByEmail = new Map<string, string>();
  // Two system users with one email should not exist; if they do, link the lowest id so the result is stable.
  for (const u of users) if (!userIdByEmail.has(u.email.toLowerCase())) userIdByEmail.set(u.email.toLowerCase(), u.id);
  const roleIndex = indexRoles(roles);
  const admins = byId(raw.admins.map((a) => toAdmin(a, roleIndex, userIdByEmail)));

  const userIds = new Set(users.map((u) => u.id));
  const groupIds = new Set(groups.map((g) => g.id));
  const requireKnown = (known: Set<string>, id: string, what: string, where: string) => {
    if (known.has(id)) return;
    // Unreachable after full-sync's straggler pass; kept so a future caller cannot build a graph with dangling edges.
    throw new JumpCloudError("invalid_response", `${where} refers to ${what} ${id}, which JumpCloud did not list.`, {
      hint: "Run the sync again; if it persists, report this message.",
    });
  };

  const memberships: GroupMembershipGrant[] = [];
  for (const [groupId, members] of raw.members) {
    requireKnown(groupIds, groupId, "user group", "A membership listing");
    for (const userId of new Set(members)) {
      requireKnown(userIds, userId, "system user", `User group ${groupId}`);
      memberships.push({ id: membershipId(groupId, userId), kind: GRANT_KINDS.groupMembership, groupId, userId });
    }
  }

  const applicationAssignments: ApplicationAssignmentGrant[] = [];
  for (const [applicationId, targets] of raw.assignments) {
    for (const targetType of ["user", "user_group"] as const) {
      for (const targetId of new Set(targets[targetType])) {
        if (targetType === "user") requireKnown(userIds, targetId, "system user", `Application ${applicationId}`);
        else requireKnown(groupIds, targetId, "user group", `Application ${applicationId}`);
        applicationAssignments.push({
          id: applicationAssignmentId(applicationId, targetType, targetId),
          kind: GRANT_KINDS.applicationAssignment,
          applicationId,
          targetType,
          targetId,
        });
      }
    }
  }

  const adminRoles: AdminRoleGrant[] = admins.flatMap((a) =>
    a.roleIds.map((roleId) => ({ id: adminRoleId(a.id, roleId), kind: GRANT_KINDS.adminRole, adminId: a.id, roleId })),
  );

  const orgId = context.orgId ?? (raw.organizations.length === 1 ? (raw.organizations[0]?._id ?? null) : null);
  const org = raw.organizations.find((o) => o._id === orgId);
  byId(memberships);
  byId(applicationAssignments);
  byId(adminRoles);
  return {
    schemaVersion: ACCESS_GRAPH_SCHEMA_VERSION,
    generatedAt: context.generatedAt.toISOString(),
    org: { id: orgId, name: org?.displayName ?? null, apiUrl: context.apiUrl },
    users,
    admins,
    roles,
    groups,
    applications,
    memberships,
    applicationAssignments,
    adminRoles,
    effectiveAccess: computeEffectiveAccess(applicationAssignments, memberships),
    ...(context.stats ? { sync: context.stats } : {}),
  };
}

import type { AccessGraph, Admin, Application, Grant, Group, Role, User } from "../sync/graph";
import { GRANT_KINDS } from "../sync/graph";

/** Lookup tables over one graph, built once per report so every renderer resolves ids the same way. */
export interface GraphIndex {
  graph: AccessGraph;
  users: Map<string, User>;
  admins: Map<string, Admin>;
  roles: Map<string, Role>;
  groups: Map<string, Group>;
  applications: Map<string, Application>;
  /** The admin account linked to each system user (by the admin's `linkedUserId`). */
  adminByUserId: Map<string, Admin>;
  grants: Grant[];
}

const byId = <T extends { id: string }>(items: readonly T[]): Map<string, T> =>
  new Map(items.map((item) => [item.id, item]));

export function indexGraph(graph: AccessGraph): GraphIndex {
  const adminByUserId = new Map<string, Admin>();
  for (const admin of graph.admins) if (admin.linkedUserId) adminByUserId.set(admin.linkedUserId, admin);
  return {
    graph,
    users: byId(graph.users),
    admins: byId(graph.admins),
    roles: byId(graph.roles),
    groups: byId(graph.groups),
    applications: byId(graph.applications),
    adminByUserId,
    grants: allGrants(graph),
  };
}

/** Every grant of the graph, sorted by id (memberships, application assignments and admin roles together). */
export function allGrants(graph: AccessGraph): Grant[] {
  const grants: Grant[] = [...graph.memberships, ...graph.applicationAssignments, ...graph.adminRoles];
  return grants.sort((a, b) => compareText(a.id, b.id));
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Names as people sort them: case-insensitive, numbers by value ("group-2" before "group-10"). */
export function compareNames(a: string, b: string): number {
  return collator.compare(a, b) || compareText(a, b);
}

/** Code-point order: for ids and anything that must sort the same everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Names for ids. A grant can point at an object the sync did not return (a user created between two listings):
 * the report still shows the edge, labelled with the raw id, rather than hiding it.
 */
export const userName = (index: GraphIndex, id: string): string => index.users.get(id)?.email ?? `unknown user ${id}`;
export const adminName = (index: GraphIndex, id: string): string =>
  index.admins.get(id)?.email ?? `unknown admin ${id}`;
export const groupName = (index: GraphIndex, id: string): string => index.groups.get(id)?.name ?? `unknown group ${id}`;
export const roleName = (index: GraphIndex, id: string): string => index.roles.get(id)?.name ?? `unknown role ${id}`;
export const applicationName = (index: GraphIndex, id: string): string =>
  index.applications.get(id)?.label ?? `unknown application ${id}`;

export type PrincipalType = "user" | "user_group" | "admin";
export type EntitlementType = "group" | "application" | "role";

/** A grant in words: who (principal) holds what (entitlement). */
export interface GrantDescription {
  id: string;
  kind: Grant["kind"];
  principalType: PrincipalType;
  principalId: string;
  principal: string;
  entitlementType: EntitlementType;
  entitlementId: string;
  entitlement: string;
  description: string;
}

export function describeGrant(index: GraphIndex, grant: Grant): GrantDescription {
  switch (grant.kind) {
    case GRANT_KINDS.groupMembership: {
      const principal = userName(index, grant.userId);
      const entitlement = groupName(index, grant.groupId);
      return {
        id: grant.id,
        kind: grant.kind,
        principalType: "user",
        principalId: grant.userId,
        principal,
        entitlementType: "group",
        entitlementId: grant.groupId,
        entitlement,
        description: `${principal} is a member of group "${entitlement}"`,
      };
    }
    case GRANT_KINDS.applicationAssignment: {
      const isGroup = grant.targetType === "user_group";
      const principal = isGroup ? groupName(index, grant.targetId) : userName(index, grant.targetId);
      const entitlement = applicationName(index, grant.applicationId);
      return {
        id: grant.id,
        kind: grant.kind,
        principalType: grant.targetType,
        principalId: grant.targetId,
        principal,
        entitlementType: "application",
        entitlementId: grant.applicationId,
        entitlement,
        description: isGroup
          ? `group "${principal}" is assigned application "${entitlement}"`
          : `${principal} is assigned application "${entitlement}" directly`,
      };
    }
    case GRANT_KINDS.adminRole: {
      const principal = adminName(index, grant.adminId);
      const entitlement = roleName(index, grant.roleId);
      return {
        id: grant.id,
        kind: grant.kind,
        principalType: "admin",
        principalId: grant.adminId,
        principal,
        entitlementType: "role",
        entitlementId: grant.roleId,
        entitlement,
        description: `admin account ${principal} holds role "${entitlement}"`,
      };
    }
  }
}

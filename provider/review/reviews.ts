import type { AccessGraph, Admin, User, UserState } from "../sync/graph";
import { applicationAssignmentId, membershipId } from "../sync/graph";
import { consoleLinks } from "./console-links";
import { compareNames, compareText, groupName, indexGraph, type GraphIndex } from "./graph-index";

/** A system user as reviews show it, with the admin account of the same person when there is one. */
export interface UserRef {
  id: string;
  email: string;
  displayName: string;
  state: UserState;
  /** The admin account with the same email, if the person is also an administrator (a separate account). */
  adminAccount: { id: string; email: string; roleNames: string[] } | null;
}

export interface AdminRef {
  id: string;
  email: string;
  roleNames: string[];
  suspended: boolean;
  /** The system user of the same person (same email, case-insensitive); null for an admin-only account. */
  linkedUser: { id: string; email: string; displayName: string; state: UserState } | null;
}

/** How a user reaches an application. */
export type AccessHow = "direct" | "via_group" | "direct_and_via_group";

export interface AccessRoute {
  via: "direct" | "user_group";
  /** Set for `user_group` routes. */
  groupId?: string;
  groupName?: string;
  /** The grants this route rests on: the direct assignment, or the group's assignment and the user's membership. */
  grantIds: string[];
  /** Those of `grantIds` that no resource manages (empty when no managed ids were given). */
  unmanagedGrantIds: string[];
}

export interface ApplicationAccessEntry {
  user: UserRef;
  how: AccessHow;
  /** "direct", "via group eng", "direct and via groups eng, ops". */
  description: string;
  routes: AccessRoute[];
}

export interface ApplicationReview {
  id: string;
  name: string;
  label: string;
  active: boolean;
  consoleUrl: string;
  assignedGroups: { id: string; name: string; memberCount: number }[];
  directUserCount: number;
  access: ApplicationAccessEntry[];
}

export interface GroupReview {
  id: string;
  name: string;
  membershipMethod: string;
  consoleUrl: string;
  members: (UserRef & { membershipGrantId: string; unmanaged: boolean })[];
  applications: { id: string; label: string }[];
}

export interface RoleReview {
  id: string;
  name: string;
  builtIn: boolean;
  admins: (AdminRef & { grantId: string; unmanaged: boolean })[];
}

/** A suspended or locked user who still holds access: JumpCloud blocks the sign-in, but the grants remain. */
export interface InactiveUserAccess {
  user: UserRef;
  applications: { id: string; label: string; how: AccessHow }[];
  groups: { id: string; name: string }[];
}

export interface DualAccount {
  userId: string;
  userEmail: string;
  userState: UserState;
  adminId: string;
  adminEmail: string;
  roleNames: string[];
  adminSuspended: boolean;
}

export interface AccessReviews {
  applications: ApplicationReview[];
  groups: GroupReview[];
  roles: RoleReview[];
  suspendedWithAccess: InactiveUserAccess[];
  /** Suspended admin accounts that still hold roles. */
  suspendedAdminsWithRoles: AdminRef[];
  /** People with both a user account and an admin account: two accounts, linked by email. */
  dualAccounts: DualAccount[];
  /** Admin accounts with no system user of the same email. */
  adminsWithoutUser: AdminRef[];
}

export interface ReviewOptions {
  /** Ids of the edges a stack manages; without them no grant is flagged unmanaged. */
  managedEdgeIds?: Iterable<string>;
}

/** Computes every review from one graph. Pure: the same graph and options give the same, deterministically sorted, result. */
export function computeReviews(graph: AccessGraph, options: ReviewOptions = {}): AccessReviews {
  const index = indexGraph(graph);
  const managed = options.managedEdgeIds === undefined ? undefined : new Set(options.managedEdgeIds);
  const isUnmanaged = (id: string): boolean => managed !== undefined && !managed.has(id);
  const links = consoleLinks(graph.org);

  const membersOf = new Map<string, string[]>();
  for (const m of graph.memberships) push(membersOf, m.groupId, m.userId);
  const groupsOfApp = new Map<string, string[]>();
  const directUsersOfApp = new Map<string, string[]>();
  const appsOfGroup = new Map<string, string[]>();
  for (const a of graph.applicationAssignments) {
    if (a.targetType === "user_group") {
      push(groupsOfApp, a.applicationId, a.targetId);
      push(appsOfGroup, a.targetId, a.applicationId);
    } else {
      push(directUsersOfApp, a.applicationId, a.targetId);
    }
  }

  const userRef = (id: string): UserRef => toUserRef(index, id);
  const accessByApp = new Map<string, ApplicationAccessEntry[]>();
  const accessByUser = new Map<string, { id: string; label: string; how: AccessHow }[]>();
  for (const access of graph.effectiveAccess) {
    const routes: AccessRoute[] = access.paths.map((path) => {
      const grantIds =
        path.via === "direct"
          ? [applicationAssignmentId(access.applicationId, "user", access.userId)]
          : [
              applicationAssignmentId(access.applicationId, "user_group", path.groupId),
              membershipId(path.groupId, access.userId),
            ];
      const route: AccessRoute = { via: path.via, grantIds, unmanagedGrantIds: grantIds.filter(isUnmanaged) };
      if (path.via === "user_group") {
        route.groupId = path.groupId;
        route.groupName = groupName(index, path.groupId);
      }
      return route;
    });
    const how = howOf(routes);
    const entry: ApplicationAccessEntry = { user: userRef(access.userId), how, description: describe(routes), routes };
    push(accessByApp, access.applicationId, entry);
    const label = index.applications.get(access.applicationId)?.label ?? access.applicationId;
    push(accessByUser, access.userId, { id: access.applicationId, label, how });
  }

  const applications: ApplicationReview[] = graph.applications
    .map((app) => ({
      id: app.id,
      name: app.name,
      label: app.label,
      active: app.active,
      consoleUrl: links.application(app.id),
      assignedGroups: (groupsOfApp.get(app.id) ?? [])
        .map((id) => ({ id, name: groupName(index, id), memberCount: membersOf.get(id)?.length ?? 0 }))
        .sort((a, b) => compareNames(a.name, b.name)),
      directUserCount: directUsersOfApp.get(app.id)?.length ?? 0,
      access: (accessByApp.get(app.id) ?? []).sort((a, b) => compareNames(a.user.email, b.user.email)),
    }))
    .sort((a, b) => compareNames(a.label, b.label) || compareText(a.id, b.id));

  const groups: GroupReview[] = graph.groups
    .map((group) => ({
      id: group.id,
      name: group.name,
      membershipMethod: group.membershipMethod,
      consoleUrl: links.group(group.id),
      members: (membersOf.get(group.id) ?? [])
        .map((userId) => {
          const grantId = membershipId(group.id, userId);
          return { ...userRef(userId), membershipGrantId: grantId, unmanaged: isUnmanaged(grantId) };
        })
        .sort((a, b) => compareNames(a.email, b.email)),
      applications: (appsOfGroup.get(group.id) ?? [])
        .map((id) => ({ id, label: index.applications.get(id)?.label ?? id }))
        .sort((a, b) => compareNames(a.label, b.label)),
    }))
    .sort((a, b) => compareNames(a.name, b.name) || compareText(a.id, b.id));

  const adminsOfRole = new Map<string, { admin: string; grantId: string }[]>();
  for (const grant of graph.adminRoles) push(adminsOfRole, grant.roleId, { admin: grant.adminId, grantId: grant.id });
  const roles: RoleReview[] = graph.roles
    .map((role) => ({
      id: role.id,
      name: role.name,
      builtIn: role.builtIn,
      admins: (adminsOfRole.get(role.id) ?? [])
        .map(({ admin, grantId }) => ({ ...toAdminRef(index, admin), grantId, unmanaged: isUnmanaged(grantId) }))
        .sort((a, b) => compareNames(a.email, b.email)),
    }))
    .sort((a, b) => compareNames(a.name, b.name) || compareText(a.id, b.id));

  const groupsOfUser = new Map<string, string[]>();
  for (const m of graph.memberships) push(groupsOfUser, m.userId, m.groupId);
  const suspendedWithAccess: InactiveUserAccess[] = graph.users
    .filter((user) => user.state === "suspended" || user.state === "locked")
    .map((user) => ({
      user: userRef(user.id),
      applications: (accessByUser.get(user.id) ?? []).sort((a, b) => compareNames(a.label, b.label)),
      groups: (groupsOfUser.get(user.id) ?? [])
        .map((id) => ({ id, name: groupName(index, id) }))
        .sort((a, b) => compareNames(a.name, b.name)),
    }))
    .filter((entry) => entry.applications.length > 0 || entry.groups.length > 0)
    .sort((a, b) => compareNames(a.user.email, b.user.email));

  const adminRefs = graph.admins.map((admin) => toAdminRef(index, admin.id));
  const byEmail = (a: { email: string }, b: { email: string }) => compareNames(a.email, b.email);
  const dualAccounts: DualAccount[] = graph.admins
    .filter((admin) => admin.linkedUserId !== null && index.users.has(admin.linkedUserId))
    .map((admin) => {
      const user = index.users.get(admin.linkedUserId as string) as User;
      return {
        userId: user.id,
        userEmail: user.email,
        userState: user.state,
        adminId: admin.id,
        adminEmail: admin.email,
        roleNames: byName(admin.roleNames),
        adminSuspended: admin.suspended,
      };
    })
    .sort((a, b) => compareNames(a.userEmail, b.userEmail));

  return {
    applications,
    groups,
    roles,
    suspendedWithAccess,
    suspendedAdminsWithRoles: adminRefs.filter((a) => a.suspended && a.roleNames.length > 0).sort(byEmail),
    dualAccounts,
    adminsWithoutUser: adminRefs.filter((a) => a.linkedUser === null).sort(byEmail),
  };
}

/** Role names alphabetically for people to read (the graph keeps them in role-id order). */
function byName(names: string[]): string[] {
  return [...names].sort((a, b) => compareNames(a, b));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function toUserRef(index: GraphIndex, id: string): UserRef {
  const user = index.users.get(id);
  const admin = index.adminByUserId.get(id);
  return {
    id,
    email: user?.email ?? `unknown user ${id}`,
    displayName: user?.displayName ?? "",
    // A grant to a user the listing did not return: show it as a user we know nothing about, never as absent.
    state: user?.state ?? "active",
    adminAccount: admin ? { id: admin.id, email: admin.email, roleNames: byName(admin.roleNames) } : null,
  };
}

function toAdminRef(index: GraphIndex, id: string): AdminRef {
  const admin: Admin | undefined = index.admins.get(id);
  const user = admin?.linkedUserId ? index.users.get(admin.linkedUserId) : undefined;
  return {
    id,
    email: admin?.email ?? `unknown admin ${id}`,
    roleNames: byName(admin?.roleNames ?? []),
    suspended: admin?.suspended ?? false,
    linkedUser: user ? { id: user.id, email: user.email, displayName: user.displayName, state: user.state } : null,
  };
}

function howOf(routes: AccessRoute[]): AccessHow {
  const direct = routes.some((r) => r.via === "direct");
  const viaGroup = routes.some((r) => r.via === "user_group");
  return direct && viaGroup ? "direct_and_via_group" : direct ? "direct" : "via_group";
}

function describe(routes: AccessRoute[]): string {
  const groups = routes.filter((r) => r.via === "user_group").map((r) => r.groupName ?? r.groupId ?? "");
  const direct = routes.some((r) => r.via === "direct");
  const viaText = groups.length === 0 ? "" : `via group${groups.length > 1 ? "s" : ""} ${groups.join(", ")}`;
  if (direct && viaText) return `direct and ${viaText}`;
  return direct ? "direct" : viaText;
}

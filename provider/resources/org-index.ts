import { foldAscii } from "../ascii-fold";
import type { AccessGraph, Admin, Application, ApplicationTargetType, Group, Role, User } from "../sync/graph";

/**
 * Lookups over one synced AccessGraph, plus the edges as mutable sets. Resources resolve names and answer `read`
 * from it; after each of our own writes the edge sets are patched so later resources in the same engine run see
 * what we did without another sync (JumpCloud's reads may lag behind its writes).
 */
export class OrgIndex {
  readonly graph: AccessGraph;
  /**
   * The organization's one key in this process (`ResourceContext.org`): what declared edges, group claims and locks
   * are keyed by, the same whether a resource named the organization or left `orgId` out.
   */
  readonly org: string;
  readonly usersById = new Map<string, User>();
  readonly groupsById = new Map<string, Group>();
  readonly applicationsById = new Map<string, Application>();
  readonly adminsById = new Map<string, Admin>();
  readonly rolesById = new Map<string, Role>();
  private readonly usersByEmail = new Map<string, User[]>();
  private readonly adminsByEmail = new Map<string, Admin[]>();
  private readonly members = new Map<string, Set<string>>();
  private readonly assignments = new Map<string, Set<string>>();
  private readonly adminRoles = new Map<string, string[]>();

  constructor(graph: AccessGraph, org: string = (graph.org.id ?? "").toLowerCase()) {
    this.graph = graph;
    this.org = org;
    for (const user of graph.users) {
      this.usersById.set(user.id, user);
      push(this.usersByEmail, foldAscii(user.email), user);
    }
    for (const group of graph.groups) this.groupsById.set(group.id, group);
    for (const app of graph.applications) this.applicationsById.set(app.id, app);
    for (const role of graph.roles) this.rolesById.set(role.id, role);
    for (const admin of graph.admins) {
      this.adminsById.set(admin.id, admin);
      push(this.adminsByEmail, foldAscii(admin.email), admin);
      this.adminRoles.set(admin.id, [...admin.roleIds]);
    }
    for (const grant of graph.memberships) this.addMembership(grant.groupId, grant.userId);
    for (const grant of graph.applicationAssignments) {
      this.addAssignment(grant.applicationId, grant.targetType, grant.targetId);
    }
    // The admins' role lists are authoritative; adminRoles grants are derived from them by the sync.
    for (const grant of graph.adminRoles) {
      const roles = this.adminRoles.get(grant.adminId);
      if (roles && !roles.includes(grant.roleId)) roles.push(grant.roleId);
    }
  }

  usersWithEmail(email: string): User[] {
    return this.usersByEmail.get(foldAscii(email)) ?? [];
  }

  adminsWithEmail(email: string): Admin[] {
    return this.adminsByEmail.get(foldAscii(email)) ?? [];
  }

  groupMembers(groupId: string): ReadonlySet<string> {
    return this.members.get(groupId) ?? new Set();
  }

  hasMembership(groupId: string, userId: string): boolean {
    return this.members.get(groupId)?.has(userId) ?? false;
  }

  addMembership(groupId: string, userId: string): void {
    let set = this.members.get(groupId);
    if (!set) {
      set = new Set();
      this.members.set(groupId, set);
    }
    set.add(userId);
  }

  removeMembership(groupId: string, userId: string): void {
    this.members.get(groupId)?.delete(userId);
  }

  hasAssignment(applicationId: string, targetType: ApplicationTargetType, targetId: string): boolean {
    return this.assignments.get(`${applicationId}/${targetType}`)?.has(targetId) ?? false;
  }

  /** The ids of the users or user groups the application is assigned to directly. */
  assignedTargets(applicationId: string, targetType: ApplicationTargetType): ReadonlySet<string> {
    return this.assignments.get(`${applicationId}/${targetType}`) ?? new Set();
  }

  addAssignment(applicationId: string, targetType: ApplicationTargetType, targetId: string): void {
    const key = `${applicationId}/${targetType}`;
    let set = this.assignments.get(key);
    if (!set) {
      set = new Set();
      this.assignments.set(key, set);
    }
    set.add(targetId);
  }

  removeAssignment(applicationId: string, targetType: ApplicationTargetType, targetId: string): void {
    this.assignments.get(`${applicationId}/${targetType}`)?.delete(targetId);
  }

  adminRoleIds(adminId: string): readonly string[] {
    return this.adminRoles.get(adminId) ?? [];
  }

  setAdminRoleIds(adminId: string, roleIds: readonly string[]): void {
    this.adminRoles.set(adminId, [...roleIds]);
  }

  /** A short label for messages: the org's name, or its id. */
  orgLabel(): string {
    return this.graph.org.name ?? this.graph.org.id ?? "the configured organization";
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The access graph: every node and grant of one JumpCloud organization, as produced by a full sync.
 *
 * This is the contract between the sync (which builds it), the Pulumi resources (which answer `read` from it),
 * and the review exports (which render it). Its JSON form is versioned by `schemaVersion`; every array is sorted
 * by `id` so that two syncs of the same org serialize to the same bytes (apart from `generatedAt` and `sync`).
 *
 * Grant ids are the ids of the Pulumi resources that manage the same edge, so "unmanaged access" is the set
 * difference between grant ids and the ids a stack manages.
 */

export const ACCESS_GRAPH_SCHEMA_VERSION = 1 as const;

/** `active` = ACTIVATED and not suspended or locked; `locked` wins over `suspended`, which wins over `staged`. */
export type UserState = "active" | "staged" | "suspended" | "locked";

/** A JumpCloud system user (`/api/systemusers`): the account a person signs in to applications with. */
export interface User {
  id: string;
  email: string;
  username: string;
  displayName: string;
  state: UserState;
}

/**
 * A JumpCloud administrator account (`/api/users`). A separate account from any system user with the same email:
 * JumpCloud keeps no profile attributes (department, title, manager) on admins, and neither do we.
 */
export interface Admin {
  id: string;
  email: string;
  /** Role ids, sorted. A single-role admin has one. */
  roleIds: string[];
  /** Role names in the same order as `roleIds`. */
  roleNames: string[];
  suspended: boolean;
  /** The system user whose email equals this admin's, compared case-insensitively; null for admin-only accounts. */
  linkedUserId: string | null;
}

export interface Role {
  id: string;
  name: string;
  /** True for JumpCloud's eight built-in roles, false for custom roles. */
  builtIn: boolean;
}

export type MembershipMethod = "NOTSET" | "STATIC" | "DYNAMIC_REVIEW_REQUIRED" | "DYNAMIC_AUTOMATED";

export interface Group {
  id: string;
  name: string;
  membershipMethod: MembershipMethod;
}

/** An SSO application (`/api/applications`). */
export interface Application {
  id: string;
  /** The connector name, e.g. "slack". */
  name: string;
  /** What people see in the portal (`displayLabel`, falling back to `displayName`, then `name`). */
  label: string;
  active: boolean;
}

export const GRANT_KINDS = {
  groupMembership: "group_membership",
  applicationAssignment: "application_assignment",
  adminRole: "admin_role",
} as const;
export type GrantKind = (typeof GRANT_KINDS)[keyof typeof GRANT_KINDS];

/** A user bound directly to a user group. Id `<groupId>/<userId>`. */
export interface GroupMembershipGrant {
  id: string;
  kind: typeof GRANT_KINDS.groupMembership;
  groupId: string;
  userId: string;
}

export type ApplicationTargetType = "user" | "user_group";

/** An application assigned directly to a user or to a user group. Id `<appId>/<targetType>/<targetId>`. */
export interface ApplicationAssignmentGrant {
  id: string;
  kind: typeof GRANT_KINDS.applicationAssignment;
  applicationId: string;
  targetType: ApplicationTargetType;
  targetId: string;
}

/** An admin account holding a role. Id `<adminId>/<roleId>`. */
export interface AdminRoleGrant {
  id: string;
  kind: typeof GRANT_KINDS.adminRole;
  adminId: string;
  roleId: string;
}

export type Grant = GroupMembershipGrant | ApplicationAssignmentGrant | AdminRoleGrant;

/** One route by which a user reaches an application. */
export type AccessPath = { via: "direct" } | { via: "user_group"; groupId: string };

/**
 * What a user can actually reach: derived from direct assignments and group assignments × group members.
 * Id `<appId>/<userId>`. `paths` is sorted: direct first, then groups by id. Never flattened: a user reached both
 * directly and through two groups has three paths.
 */
export interface EffectiveAccess {
  id: string;
  applicationId: string;
  userId: string;
  paths: AccessPath[];
}

export interface OrgInfo {
  /** The organization id (from `x-org-id`, or the only org the key reaches). */
  id: string | null;
  name: string | null;
  /** The API base URL synced, e.g. https://console.jumpcloud.com (used for console links). */
  apiUrl: string;
}

/** How the graph was obtained. Not part of the deterministic content. */
export interface SyncStats {
  requests: number;
  pages: number;
  retries: number;
  durationMs: number;
}

export interface AccessGraph {
  schemaVersion: typeof ACCESS_GRAPH_SCHEMA_VERSION;
  generatedAt: string;
  org: OrgInfo;
  users: User[];
  admins: Admin[];
  roles: Role[];
  groups: Group[];
  applications: Application[];
  memberships: GroupMembershipGrant[];
  applicationAssignments: ApplicationAssignmentGrant[];
  adminRoles: AdminRoleGrant[];
  effectiveAccess: EffectiveAccess[];
  sync?: SyncStats;
}

export const membershipId = (groupId: string, userId: string): string => `${groupId}/${userId}`;
export const applicationAssignmentId = (
  applicationId: string,
  targetType: ApplicationTargetType,
  targetId: string,
): string => `${applicationId}/${targetType}/${targetId}`;
export const adminRoleId = (adminId: string, roleId: string): string => `${adminId}/${roleId}`;
export const effectiveAccessId = (applicationId: string, userId: string): string => `${applicationId}/${userId}`;

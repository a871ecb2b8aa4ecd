/**
 * Pure functions from one raw JumpCloud object to one node of the access graph. No I/O, no lookups beyond the maps
 * passed in, so each rule is testable on its own.
 */
import type {
  JumpCloudAdmin,
  JumpCloudApplication,
  JumpCloudRole,
  JumpCloudSystemUser,
  JumpCloudUserGroup,
} from "../client/schemas";
import { adminRoleIdsOrThrow } from "./admin-roles";
import type { Admin, Application, Group, Role, User, UserState } from "./graph";

/**
 * JumpCloud's built-in admin roles, for role objects that do not say `isCustom`. Compared case-insensitively.
 * Most privileged first: this order is the one privilege ranking the project uses (`revokeTo` never climbs it).
 */
export const BUILT_IN_ROLE_NAMES = [
  "Administrator With Billing",
  "Administrator",
  "Manager",
  "Command Runner With Billing",
  "Command Runner",
  "Help Desk",
  "Billing Only",
  "Read Only",
] as const;
const builtInLower = new Set(BUILT_IN_ROLE_NAMES.map((n) => n.toLowerCase()));

/** Locked wins over suspended, which wins over staged: the state says whether the person can sign in right now. */
export function userState(raw: JumpCloudSystemUser): UserState {
  if (raw.account_locked) return "locked";
  if (raw.suspended || raw.state === "SUSPENDED") return "suspended";
  if (raw.state === "STAGED") return "staged";
  return "active";
}

export function toUser(raw: JumpCloudSystemUser): User {
  const fullName = [raw.firstname, raw.lastname].filter((part) => part?.trim()).join(" ");
  return {
    id: raw._id,
    email: raw.email,
    username: raw.username,
    displayName: raw.displayname?.trim() || fullName || raw.username,
    state: userState(raw),
  };
}

export function toRole(raw: JumpCloudRole): Role {
  const builtIn = raw.isCustom == null ? builtInLower.has(raw.name.toLowerCase()) : !raw.isCustom;
  return { id: raw.id, name: raw.name, builtIn };
}

export function toGroup(raw: JumpCloudUserGroup): Group {
  return { id: raw.id, name: raw.name, membershipMethod: raw.membershipMethod ?? "NOTSET" };
}

export function toApplication(raw: JumpCloudApplication): Application {
  const label = raw.displayLabel?.trim() || raw.displayName?.trim() || raw.name;
  return { id: raw._id, name: raw.name, label, active: raw.active ?? true };
}

/** The role catalogue, indexed the two ways admin records refer to roles. */
export interface RoleIndex {
  byId: Map<string, Role>;
  /** Lower-cased names: casing differs between JumpCloud's sources. */
  byName: Map<string, Role>;
}

export function indexRoles(roles: Role[]): RoleIndex {
  return { byId: new Map(roles.map((r) => [r.id, r])), byName: new Map(roles.map((r) => [r.name.toLowerCase(), r])) };
}

/**
 * An admin account as a node. Its roles are read by `readAdminRoles`, the reading the role writes use too; a record
 * that does not say which roles the admin holds fails the sync rather than show fewer roles. `linkedUserId` joins the
 * system user with the same email, case-insensitively; nothing else is copied from that user.
 */
export function toAdmin(raw: JumpCloudAdmin, roles: RoleIndex, userIdByEmail: Map<string, string>): Admin {
  const ids = adminRoleIdsOrThrow(raw, roles, "Cannot read the administrators");
  const unique = [...new Set(ids)].sort(compareStrings);
  const roleNames = unique.map((id) => {
    const known = roles.byId.get(id)?.name;
    if (known) return known;
    const position = raw.roles?.indexOf(id) ?? -1;
    return (
      (position >= 0 ? raw.roleNames?.[position] : undefined) ?? (raw.role === id ? raw.roleName : undefined) ?? id
    );
  });
  return {
    id: raw._id,
    email: raw.email,
    roleIds: unique,
    roleNames,
    suspended: raw.suspended ?? false,
    linkedUserId: userIdByEmail.get(raw.email.toLowerCase()) ?? null,
  };
}

/** Code-unit order: the same on every machine and locale, so the graph's JSON is byte-for-byte stable. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byId<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareStrings(a.id, b.id));
}

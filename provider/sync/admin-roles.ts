import type { JumpCloudAdmin } from "../client/schemas";
import { JumpCloudError } from "../errors";

/**
 * The one reading of an administrator record's current roles, for the sync and for every role write alike.
 *
 * JumpCloud's admin records name roles two ways: ids (`roles`, or `role` for a single-role admin) and names
 * (`roleNames`, or `roleName`, which is "Multi Role" for a multi-role admin). Some answers carry only the names.
 * A write replaces the whole role list, so a reader that saw fewer roles than the admin holds would make a grant wipe
 * the others and a revoke do nothing: when the record does not say exactly which roles the admin holds, the answer
 * is "cannot tell", never a guess.
 */
export type AdminRoleReading = { ok: true; roleIds: string[] } | { ok: false; reason: string };

const MULTI_ROLE = "multi role";

/** The role catalogue by lower-cased name (the sync's `RoleIndex` is one). */
export interface RolesByName {
  byName: ReadonlyMap<string, { id: string }>;
}

export function readAdminRoles(raw: JumpCloudAdmin, catalogue: RolesByName): AdminRoleReading {
  const ids = unique(raw.roles?.length ? raw.roles : raw.role ? [raw.role] : []);
  const names = unique(
    raw.roleNames?.length
      ? raw.roleNames
      : raw.roleName && raw.roleName.toLowerCase() !== MULTI_ROLE
        ? [raw.roleName]
        : [],
    (name) => name.toLowerCase(),
  );
  if (ids.length > 0) {
    if (names.length === 0) return { ok: true, roleIds: ids };
    // Names beside ids must name the same roles: a record with one id and two names holds two roles.
    const named = names.map((name) => catalogue.byName.get(name.toLowerCase())?.id);
    if (names.length !== ids.length || named.some((id) => id !== undefined && !ids.includes(id))) {
      return {
        ok: false,
        reason: `its role ids (${ids.join(", ")}) and role names (${names.join(", ")}) name different roles`,
      };
    }
    return { ok: true, roleIds: ids };
  }
  if (names.length === 0) {
    const multi = raw.roleName?.toLowerCase() === MULTI_ROLE;
    return { ok: false, reason: multi ? 'it says "Multi Role" but lists no roles' : "it names no role at all" };
  }
  const resolved: string[] = [];
  for (const name of names) {
    const role = catalogue.byName.get(name.toLowerCase());
    if (!role) return { ok: false, reason: `it names the role "${name}", which is not in JumpCloud's role catalogue` };
    resolved.push(role.id);
  }
  return { ok: true, roleIds: unique(resolved) };
}

/**
 * The admin's role ids, or an error naming the admin: `doing` says what was refused ("Cannot grant ... to"), so the
 * message reads "Cannot ...: JumpCloud's record of administrator x@y does not say which roles it holds (...)".
 */
export function adminRoleIdsOrThrow(raw: JumpCloudAdmin, catalogue: RolesByName, doing: string): string[] {
  const reading = readAdminRoles(raw, catalogue);
  if (reading.ok) return reading.roleIds;
  throw new JumpCloudError(
    "invalid_response",
    `${doing}: JumpCloud's record of administrator ${raw.email} does not say which roles the admin holds (${reading.reason}).`,
    {
      hint:
        "Check the administrator's roles in the JumpCloud console (Administrators), then run again; if the API keeps " +
        "answering without the admin's roles, make sure the key's administrator may read administrators.",
    },
  );
}

function unique(values: readonly string[], key: (value: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    if (seen.has(key(value))) continue;
    seen.add(key(value));
    out.push(value);
  }
  return out;
}

import { isJumpCloudId } from "../ids";
import type { Application, ApplicationTargetType, Group, User } from "../sync/graph";
import type { OrgIndex } from "./org-index";
import { type Resolved, resolveGroup, resolveUser } from "./resolve";

/**
 * The targets of an application's set of assignments: user groups and users, keyed in one set as
 * `<user_group|user>/<id>` (the tail of the access graph's grant id), so a group and a user can never collide.
 */

/** A set's child: `user_group/<groupId>` or `user/<userId>`. */
export const childKey = (type: ApplicationTargetType, id: string): string => `${type}/${id}`;

export function parseChild(key: string): { type: ApplicationTargetType; id: string } {
  const slash = key.indexOf("/");
  return { type: key.slice(0, slash) === "user" ? "user" : "user_group", id: key.slice(slash + 1) };
}

/** The application's current direct assignments as children, read from the synced graph (a copy: writes patch it). */
export function currentChildren(index: OrgIndex, appId: string): Set<string> {
  return new Set([
    ...[...index.assignedTargets(appId, "user_group")].map((id) => childKey("user_group", id)),
    ...[...index.assignedTargets(appId, "user")].map((id) => childKey("user", id)),
  ]);
}

/** How messages name a child: `user group "eng"`, `user alice@acme.example` (the id when it is gone). */
export function childLabel(index: OrgIndex | undefined, key: string): string {
  const { type, id } = parseChild(key);
  if (type === "user") return `user ${index?.usersById.get(id)?.email ?? id}`;
  return `user group "${index?.groupsById.get(id)?.name ?? id}"`;
}

export const appLabel = (app: Pick<Application, "id" | "label">): string => `application "${app.label}"`;

/**
 * A key of `groups`: a group's id or its name (compared ignoring ASCII case). An id that names no group is tried as a
 * name before it fails, as `revokeTo` does with roles. The failure's property is the key (`groups.eng`), and its
 * advice says which key to write instead.
 */
export function resolveGroupKey(index: OrgIndex, key: string, property: string): Resolved<Group> {
  const props = { id: "the group's id as the key", name: "the group's name as the key" };
  const byName = () => resolveGroup(index, { name: key }, props);
  let resolved: Resolved<Group>;
  if (isJumpCloudId(key)) {
    const byId = resolveGroup(index, { id: key }, props);
    const named = byId.ok ? byId : byName();
    resolved = named.ok ? named : byId;
  } else {
    resolved = byName();
  }
  return resolved.ok ? resolved : { ok: false, failure: { property, reason: resolved.failure.reason } };
}

/** A key of `users`: a user's id or email (email compared ignoring ASCII case only, as every email is). */
export function resolveUserKey(index: OrgIndex, key: string, property: string): Resolved<User> {
  const props = { id: "the user's id as the key", email: "the user's email as the key" };
  const resolved = isJumpCloudId(key)
    ? resolveUser(index, { id: key }, props)
    : resolveUser(index, { email: key }, props);
  return resolved.ok ? resolved : { ok: false, failure: { property, reason: resolved.failure.reason } };
}

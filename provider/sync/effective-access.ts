import { compareStrings } from "./converters";
import {
  type AccessPath,
  type ApplicationAssignmentGrant,
  type EffectiveAccess,
  effectiveAccessId,
  type GroupMembershipGrant,
} from "./graph";

/**
 * Who can reach each application, and by which routes, computed in memory from what the sync already holds:
 * direct user assignments, plus group assignments × the group's direct members. JumpCloud user groups do not nest,
 * so a group's direct members are all of its members and no traversal endpoint (one call per app or user) is needed.
 * Every route is kept: a user assigned directly and through two groups has three paths, direct first.
 */
export function computeEffectiveAccess(
  assignments: ApplicationAssignmentGrant[],
  memberships: GroupMembershipGrant[],
): EffectiveAccess[] {
  const membersByGroup = new Map<string, string[]>();
  for (const m of memberships) {
    const members = membersByGroup.get(m.groupId);
    if (members) members.push(m.userId);
    else membersByGroup.set(m.groupId, [m.userId]);
  }
  const access = new Map<string, EffectiveAccess>();
  const add = (applicationId: string, userId: string, path: AccessPath) => {
    const id = effectiveAccessId(applicationId, userId);
    const entry = access.get(id);
    if (entry) entry.paths.push(path);
    else access.set(id, { id, applicationId, userId, paths: [path] });
  };
  for (const a of assignments) {
    if (a.targetType === "user") add(a.applicationId, a.targetId, { via: "direct" });
    else for (const userId of membersByGroup.get(a.targetId) ?? []) add(a.applicationId, userId, groupPath(a.targetId));
  }
  const result = [...access.values()];
  for (const entry of result) entry.paths.sort(comparePaths);
  return result.sort((a, b) => compareStrings(a.id, b.id));
}

const groupPath = (groupId: string): AccessPath => ({ via: "user_group", groupId });

function comparePaths(a: AccessPath, b: AccessPath): number {
  if (a.via === "direct") return b.via === "direct" ? 0 : -1;
  if (b.via === "direct") return 1;
  return compareStrings(a.groupId, b.groupId);
}

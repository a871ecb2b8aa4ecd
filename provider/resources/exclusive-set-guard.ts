import type { Group } from "../sync/graph";
import type { ResourceContext } from "./context";
import type { OrgIndex } from "./org-index";

/**
 * Guards on an exclusive member set, which removes everyone it does not list: an empty list (a key left out, `[]`,
 * or every entry of a manifest group expired) would empty the group without a word, so it needs an explicit
 * `allowEmpty: true`; and a set about to remove most of a group is worth a warning before anyone runs `up`.
 */

/** The refusal of an exclusive set with no members, or undefined when it lists some or the author allowed it. */
export function emptyExclusiveSetReason(
  group: Pick<Group, "id" | "name">,
  index: OrgIndex,
  set: { exclusive: boolean; allowEmpty: boolean; memberIds: readonly string[] },
): string | undefined {
  if (!set.exclusive || set.allowEmpty || set.memberIds.length > 0) return undefined;
  const current = index.groupMembers(group.id).size;
  const members = current === 1 ? "its 1 member" : `all ${current} of its members`;
  return (
    `an exclusive UserGroupMembers with no members would remove ${members} from user group "${group.name}" (${group.id}). ` +
    "List the members in userEmails or userIds, or set allowEmpty: true to empty the group on purpose " +
    "(in access.yaml: `allowEmpty: true` under the group)."
  );
}

/** How many of the group's current members an exclusive set of `memberIds` removes, and who. */
export function exclusiveRemovals(index: OrgIndex, groupId: string, memberIds: readonly string[]): string[] {
  const wanted = new Set(memberIds);
  return [...index.groupMembers(groupId)].filter((userId) => !wanted.has(userId));
}

const NAMED = 10;

/**
 * Warns when an exclusive set is about to remove more than half of a group's current members, naming the group,
 * the count and who. Shown by `pulumi preview` (and again by `up`), before anything is removed.
 */
export function warnOnMostRemoved(
  ctx: ResourceContext,
  group: Pick<Group, "id" | "name">,
  index: OrgIndex,
  memberIds: readonly string[],
): void {
  const current = index.groupMembers(group.id).size;
  const removed = exclusiveRemovals(index, group.id, memberIds);
  if (removed.length * 2 <= current) return;
  const emails = removed.map((userId) => index.usersById.get(userId)?.email ?? userId).sort();
  const named =
    emails.slice(0, NAMED).join(", ") + (emails.length > NAMED ? `, and ${emails.length - NAMED} more` : "");
  ctx.warn(
    `pulumi-jumpcloud-access: the exclusive UserGroupMembers of user group "${group.name}" will remove ${removed.length} of its ${current} current members (${named}). If that is not what you mean, list them before you run \`pulumi up\`.`,
  );
}

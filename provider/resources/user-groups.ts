import type { Group } from "../sync/graph";
import { parentGone } from "./edge-kind";

/** What the two user-group kinds (one membership, a member set) share about groups. */

export const isDynamicGroup = (group: Group): boolean => group.membershipMethod.startsWith("DYNAMIC");

export function dynamicGroupReason(group: Group): string {
  return `user group "${group.name}" (${group.id}) is a dynamic group (${group.membershipMethod}): JumpCloud binds its members by rule and rejects or reverts manual changes. Change the group's rule in JumpCloud, or manage the members of a static group instead.`;
}

/** A 404 on removal means "not a member" only if the group still exists; otherwise the org or the key is wrong. */
export const groupGone = (what: string, groupId: string) =>
  parentGone(
    `Cannot confirm the removal of ${what}: JumpCloud has no user group ${groupId}.`,
    "the group was deleted in JumpCloud",
    "memberships",
  );

/** The visibility waiter's name for a group's member listing. */
export const membersListingKey = (org: string, groupId: string): string => `members/${org}/${groupId}`;

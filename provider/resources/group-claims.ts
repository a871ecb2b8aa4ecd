/**
 * Which management style claims each user group in this engine run. The styles fight when mixed on one group: an
 * exclusive `UserGroupMembers` removes what a `UserGroupMembership` adds, and a membership's delete removes a user a
 * set still lists. Claims are made in `check`, after the group is resolved to its id, so a group named in one
 * resource and given by id in another is still caught.
 */
export type GroupStyle = "membership" | "members" | "members-exclusive";

/** How messages name each style (the SDK refuses a mixed program with the same words). */
export const GROUP_STYLE_LABELS: Record<GroupStyle, string> = {
  membership: "UserGroupMembership",
  members: "UserGroupMembers",
  "members-exclusive": "UserGroupMembers (exclusive)",
};

interface Claim {
  style: GroupStyle;
  /** The resource's validated inputs: the same resource checked twice is not a conflict with itself. */
  fingerprint: string;
}

export class GroupClaims {
  private readonly claims = new Map<string, Claim[]>();

  /** Records the claim; returns a message naming the group and the fix when it conflicts with an earlier one. */
  claim(
    orgKey: string,
    groupId: string,
    groupName: string,
    style: GroupStyle,
    fingerprint: string,
  ): string | undefined {
    const key = `${orgKey}/${groupId}`;
    const existing = this.claims.get(key) ?? [];
    const others = existing.filter((c) => c.fingerprint !== fingerprint);
    const conflict = others.find((c) => conflicts(c.style, style));
    if (conflict) {
      const same = conflict.style === style;
      return same
        ? `user group "${groupName}" (${groupId}) is managed by two exclusive UserGroupMembers resources in this program: each would remove the other's members. Merge them into one resource.`
        : `user group "${groupName}" (${groupId}) is managed both by ${GROUP_STYLE_LABELS[conflict.style]} and by ${GROUP_STYLE_LABELS[style]} in this program: they fight over its members. Use one style per group: either one UserGroupMembers listing every member, or one UserGroupMembership per member.`;
    }
    if (!existing.some((c) => c.fingerprint === fingerprint)) existing.push({ style, fingerprint });
    this.claims.set(key, existing);
    return undefined;
  }
}

function conflicts(a: GroupStyle, b: GroupStyle): boolean {
  if (a === "members-exclusive" || b === "members-exclusive") return true;
  return a !== b;
}

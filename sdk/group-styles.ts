import * as pulumi from "@pulumi/pulumi";

import { GROUP_STYLE_LABELS, type GroupStyle } from "../provider/resources/group-claims";

/** Shared across copies of this module in one program, so two copies cannot hide a conflict from each other. */
const registry = sharedRegistry();

function sharedRegistry(): Map<string, { style: GroupStyle; resource: string }[]> {
  const holder = globalThis as Record<symbol, unknown>;
  const key = Symbol.for("pulumi-jumpcloud-access.group-styles");
  if (!holder[key]) holder[key] = new Map();
  return holder[key] as Map<string, { style: GroupStyle; resource: string }[]>;
}

/**
 * Refuses mixing management styles on one group in one program, keyed by the group id or name as given (the
 * provider checks again by resolved id, which also catches a name in one resource and an id in another).
 * Plain strings are checked at once; values only known later are checked when they resolve.
 */
export function claimGroupStyle(
  style: GroupStyle,
  resource: string,
  groupId: pulumi.Input<string> | undefined,
  groupName: pulumi.Input<string> | undefined,
  orgId: pulumi.Input<string> | undefined,
): void {
  const check = (id: string | undefined, groupNameValue: string | undefined, org: string | undefined) => {
    if (id === undefined && groupNameValue === undefined) return;
    const key = `${(org ?? "").toLowerCase()}|${id !== undefined ? `id:${id.toLowerCase()}` : `name:${groupNameValue}`}`;
    const claims = registry.get(key) ?? [];
    const clash = claims.find((c) => c.style !== style || style === "members-exclusive");
    if (clash) {
      const group = id ?? groupNameValue;
      throw new Error(
        `pulumi-jumpcloud-access: user group "${group}" is managed by ${GROUP_STYLE_LABELS[clash.style]} "${clash.resource}" and by ${GROUP_STYLE_LABELS[style]} "${resource}". These fight over the group's members: use one style per group (one UserGroupMembers listing every member, or one UserGroupMembership per member).`,
      );
    }
    claims.push({ style, resource });
    registry.set(key, claims);
  };
  const plain = (v: unknown): v is string | undefined => v === undefined || typeof v === "string";
  if (plain(groupId) && plain(groupName) && plain(orgId)) {
    check(groupId, groupName, orgId);
    return;
  }
  pulumi.all([groupId, groupName, orgId]).apply(([id, groupNameValue, org]) => check(id, groupNameValue, org));
}

import * as pulumi from "@pulumi/pulumi";
import { warnOnLookAlikeAddresses } from "./look-alike-warnings";
import { dynamicProvider } from "./shim";

export interface UserGroupMembersArgs {
  /** The user group's id. Give exactly one of `groupId` and `groupName`. */
  groupId?: pulumi.Input<string>;
  /** The user group's name. */
  groupName?: pulumi.Input<string>;
  /** Members by user id. May be combined with `userEmails`; each user once. */
  userIds?: pulumi.Input<pulumi.Input<string>[]>;
  /** Members by email (compared case-insensitively). */
  userEmails?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Own the whole group: anyone not listed is REMOVED from the group on the next `pulumi up`, including people
   * added in the console minutes ago and members this program never knew about. Off by default, in which case only
   * the listed users are managed and others are left alone and not reported.
   */
  exclusive?: pulumi.Input<boolean>;
  /** The organization (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
}

/**
 * A set of users in one JumpCloud user group. Id `<groupId>`.
 *
 * Adding or removing a user from the list adds or removes that user; nothing else in the group is touched unless
 * `exclusive` is set. A refresh reports listed users who were removed outside this program in `missingMembers`
 * and, when exclusive, anyone added outside it in `extraMembers`; the next `up` restores the declared set.
 * Removing the resource removes the users it lists, except those another resource in the same update declares
 * (e.g. the memberships that replace it when a group stops being exclusive); the engine's output names them.
 * Do not also manage the same group with `UserGroupMembership`: the program is refused if you do.
 *
 * @example
 * ```ts
 * import * as jc from "pulumi-jumpcloud-access";
 * const oncall = new jc.UserGroupMembers("platform-oncall", {
 *   groupName: "platform-oncall",
 *   userEmails: ["alice@acme.example", "bob@acme.example"],
 *   exclusive: true, // removes anyone else from the group
 * });
 * export const missing = oncall.missingMembers;
 * ```
 */
export class UserGroupMembers extends pulumi.dynamic.Resource {
  declare readonly groupId: pulumi.Output<string>;
  declare readonly groupName: pulumi.Output<string>;
  /** The user ids this resource owns, sorted. */
  declare readonly memberIds: pulumi.Output<string[]>;
  /** The access-graph grant ids (`<groupId>/<userId>`) this resource owns, sorted. */
  declare readonly grantIds: pulumi.Output<string[]>;
  /** Listed users that JumpCloud no longer has in the group (after a refresh). */
  declare readonly missingMembers: pulumi.Output<string[]>;
  /** Users in the group that are not listed (exclusive only, after a refresh). */
  declare readonly extraMembers: pulumi.Output<string[]>;
  declare readonly exclusive: pulumi.Output<boolean>;
  /** True when every listed user was already in the group when this resource was created. */
  declare readonly adopted: pulumi.Output<boolean>;
  declare readonly orgId: pulumi.Output<string | undefined>;

  constructor(name: string, args: UserGroupMembersArgs, opts?: pulumi.CustomResourceOptions) {
    claimGroupStyle(
      args.exclusive === true ? "members-exclusive" : "members",
      name,
      args.groupId,
      args.groupName,
      args.orgId,
    );
    const outputs = outputNames([
      "groupId",
      "groupName",
      "memberIds",
      "grantIds",
      "missingMembers",
      "extraMembers",
      "exclusive",
      "adopted",
      "orgId",
    ]);
    super(dynamicProvider("user-group-members"), name, { ...outputs, ...args }, opts, "jumpcloud", "UserGroupMembers");
    warnOnLookAlikeAddresses(this, "userEmails", args.userEmails);
  }
}

/**
 * Every output must be a key of the props given to the engine, or the class's output property stays undefined;
 * inputs the program sets override these placeholders.
 */
export function outputNames(names: string[]): Record<string, undefined> {
  return Object.fromEntries(names.map((n) => [n, undefined]));
}

type GroupStyle = "membership" | "members" | "members-exclusive";
const STYLE_LABEL: Record<GroupStyle, string> = {
  membership: "UserGroupMembership",
  members: "UserGroupMembers",
  "members-exclusive": "UserGroupMembers (exclusive)",
};

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
        `pulumi-jumpcloud-access: user group "${group}" is managed by ${STYLE_LABEL[clash.style]} "${clash.resource}" and by ${STYLE_LABEL[style]} "${resource}". These fight over the group's members: use one style per group (one UserGroupMembers listing every member, or one UserGroupMembership per member).`,
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

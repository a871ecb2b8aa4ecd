import type * as pulumi from "@pulumi/pulumi";
import { warnOnLookAlikeAddresses, warnOnLookAlikeKeys } from "./look-alike-warnings";
import { type UserGroupMembersOutputs, userGroupMembersOutputs } from "../provider/resources/user-group-members";
import { KindResource } from "./shim";
import { claimGroupStyle } from "./group-styles";
import { outputNames } from "./output-names";
import { refuseUnsendableKeys } from "./set-keys";
import type { GrantEntry } from "./grant-entry";

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
   * Members keyed by email (or user id), each with optional notes: `{ "alice@acme.example": {}, "bob@acme.example":
   * { ticket: "OPS-1234", expires: "2026-12-31T18:00:00Z" } }`. Keyed, so `pulumi preview --diff` names each member
   * added or removed. A member whose `expires` has passed is no longer granted: the next `pulumi up` removes them.
   * May be combined with `userIds` and `userEmails`; each user once.
   */
  members?: pulumi.Input<{ [emailOrUserId: string]: pulumi.Input<GrantEntry> }>;
  /**
   * Own the whole group: anyone not listed is REMOVED from the group on the next `pulumi up`, including people
   * added in the console minutes ago and members this program never knew about. Off by default, in which case only
   * the listed users are managed and others are left alone and not reported.
   */
  exclusive?: pulumi.Input<boolean>;
  /**
   * With `exclusive`, allow an empty list, which removes EVERY member of the group. Without it an exclusive set with
   * no members (lists left out or empty) is refused by `pulumi preview` rather than emptying the group.
   */
  allowEmpty?: pulumi.Input<boolean>;
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
export class UserGroupMembers extends KindResource {
  declare readonly groupId: pulumi.Output<UserGroupMembersOutputs["groupId"]>;
  declare readonly groupName: pulumi.Output<UserGroupMembersOutputs["groupName"]>;
  /** The user ids this resource owns, sorted. */
  declare readonly memberIds: pulumi.Output<UserGroupMembersOutputs["memberIds"]>;
  /** The access-graph grant ids (`<groupId>/<userId>`) this resource owns, sorted. */
  declare readonly grantIds: pulumi.Output<UserGroupMembersOutputs["grantIds"]>;
  /** Listed users that JumpCloud no longer has in the group (after a refresh). */
  declare readonly missingMembers: pulumi.Output<UserGroupMembersOutputs["missingMembers"]>;
  /** Users in the group that are not listed (exclusive only, after a refresh). */
  declare readonly extraMembers: pulumi.Output<UserGroupMembersOutputs["extraMembers"]>;
  declare readonly exclusive: pulumi.Output<UserGroupMembersOutputs["exclusive"]>;
  /** True when every listed user was already in the group when this resource was created. */
  declare readonly adopted: pulumi.Output<UserGroupMembersOutputs["adopted"]>;
  declare readonly orgId: pulumi.Output<UserGroupMembersOutputs["orgId"]>;

  constructor(name: string, args: UserGroupMembersArgs, opts?: pulumi.CustomResourceOptions) {
    refuseUnsendableKeys("UserGroupMembers", name, "members", args.members);
    claimGroupStyle(
      args.exclusive === true ? "members-exclusive" : "members",
      name,
      args.groupId,
      args.groupName,
      args.orgId,
    );
    const outputs = outputNames(userGroupMembersOutputs);
    super("user-group-members", "UserGroupMembers", name, { ...outputs, ...args }, opts);
    warnOnLookAlikeAddresses(this, "userEmails", args.userEmails);
    warnOnLookAlikeKeys(this, "members", args.members);
  }
}

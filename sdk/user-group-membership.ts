import type * as pulumi from "@pulumi/pulumi";
import { warnOnLookAlikeAddresses } from "./look-alike-warnings";
import {
  type UserGroupMembershipOutputs,
  userGroupMembershipOutputs,
} from "../provider/resources/user-group-membership";
import { KindResource } from "./shim";
import { claimGroupStyle } from "./group-styles";
import { outputNames } from "./output-names";

export interface UserGroupMembershipArgs {
  /** The user group's id. Give exactly one of `groupId` and `groupName`. */
  groupId?: pulumi.Input<string>;
  /** The user group's name. */
  groupName?: pulumi.Input<string>;
  /** The system user's id. Give exactly one of `userId` and `userEmail`. */
  userId?: pulumi.Input<string>;
  /** The system user's email (compared case-insensitively). */
  userEmail?: pulumi.Input<string>;
  /** The organization (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
}

/**
 * One user bound directly to one JumpCloud user group. Id `<groupId>/<userId>`.
 *
 * Additive: other members of the group are left alone. If the user is already a member when the resource is
 * created, the membership is adopted (`adopted: true`) instead of failing; destroying the resource removes it,
 * unless another resource in the same update declares the same membership (it moved, e.g. into a `UserGroupMembers`):
 * then it stays, and the engine's output says so. Changing the group or the user replaces the resource, removing the old membership before adding the new one.
 * Do not also manage the same group with `UserGroupMembers`: the program is refused if you do.
 *
 * @example
 * ```ts
 * import * as jc from "pulumi-jumpcloud-access";
 * new jc.UserGroupMembership("alice-engineering", {
 *   groupName: "engineering",
 *   userEmail: "alice@acme.example",
 * });
 * ```
 */
export class UserGroupMembership extends KindResource {
  declare readonly groupId: pulumi.Output<UserGroupMembershipOutputs["groupId"]>;
  declare readonly userId: pulumi.Output<UserGroupMembershipOutputs["userId"]>;
  declare readonly groupName: pulumi.Output<UserGroupMembershipOutputs["groupName"]>;
  declare readonly userEmail: pulumi.Output<UserGroupMembershipOutputs["userEmail"]>;
  /** True when the membership already existed and was adopted rather than created. */
  declare readonly adopted: pulumi.Output<UserGroupMembershipOutputs["adopted"]>;
  declare readonly orgId: pulumi.Output<UserGroupMembershipOutputs["orgId"]>;

  constructor(name: string, args: UserGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    claimGroupStyle("membership", name, args.groupId, args.groupName, args.orgId);
    super(
      "user-group-membership",
      "UserGroupMembership",
      name,
      { ...outputNames(userGroupMembershipOutputs), ...args },
      opts,
    );
    warnOnLookAlikeAddresses(this, "userEmail", args.userEmail);
  }
}

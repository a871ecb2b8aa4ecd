import * as pulumi from "@pulumi/pulumi";
import { warnOnLookAlikeAddresses } from "./look-alike-warnings";
import { dynamicProvider } from "./shim";
import { claimGroupStyle, outputNames } from "./user-group-members";

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
export class UserGroupMembership extends pulumi.dynamic.Resource {
  declare readonly groupId: pulumi.Output<string>;
  declare readonly userId: pulumi.Output<string>;
  declare readonly groupName: pulumi.Output<string>;
  declare readonly userEmail: pulumi.Output<string>;
  /** True when the membership already existed and was adopted rather than created. */
  declare readonly adopted: pulumi.Output<boolean>;
  declare readonly orgId: pulumi.Output<string | undefined>;

  constructor(name: string, args: UserGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    claimGroupStyle("membership", name, args.groupId, args.groupName, args.orgId);
    super(
      dynamicProvider("user-group-membership"),
      name,
      { ...outputNames(["groupId", "userId", "groupName", "userEmail", "adopted", "orgId"]), ...args },
      opts,
      "jumpcloud",
      "UserGroupMembership",
    );
    warnOnLookAlikeAddresses(this, "userEmail", args.userEmail);
  }
}

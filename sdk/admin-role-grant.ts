import type * as pulumi from "@pulumi/pulumi";
import { warnOnLookAlikeAddresses } from "./look-alike-warnings";
import { type AdminRoleGrantOutputs, adminRoleGrantOutputs } from "../provider/resources/admin-role-grant";
import { KindResource } from "./shim";
import { outputNames } from "./output-names";

export interface AdminRoleGrantArgs {
  /** The administrator account's id. Give exactly one of `adminId` and `adminEmail`. */
  adminId?: pulumi.Input<string>;
  /** The administrator account's email (admin accounts are separate from system users). */
  adminEmail?: pulumi.Input<string>;
  /** The role's id. Give exactly one of `roleId` and `roleName`. */
  roleId?: pulumi.Input<string>;
  /** The role's name, e.g. "Help Desk" or a custom role (compared case-insensitively). */
  roleName?: pulumi.Input<string>;
  /**
   * The role (name or id) the admin is moved to when this grant is revoked and it was the admin's only role:
   * JumpCloud admins always hold a role. Defaults to "Read Only". It must have no more privileges than `roleName`
   * in JumpCloud's built-in order (Administrator With Billing, Administrator, Manager, Command Runner With Billing,
   * Command Runner, Help Desk, Billing Only, Read Only); `check` refuses a role that would promote the admin.
   */
  revokeTo?: pulumi.Input<string>;
  /**
   * Accept a `revokeTo` whose privileges cannot be compared with the revoked role's: a custom role as `revokeTo`, or
   * a built-in role other than "Read Only" when the granted role is custom. Off by default.
   */
  allowCustomRevokeTo?: pulumi.Input<boolean>;
  /** The organization (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
}

/**
 * A JumpCloud administrator account holds an admin role. Id `<adminId>/<roleId>`. Works for single-role and
 * multi-role admins: granting adds the role to the admin's roles, revoking removes just that role.
 *
 * Revoking the admin's last role moves the admin to `revokeTo` ("Read Only" by default), which never has more
 * privileges than the revoked role, and the engine's output says so. A grant replaces that fallback only when a
 * revoke of the same update put it there, so changing `roleName` leaves exactly the new role; a fallback the admin
 * held before, or that another resource grants, is kept. A role the admin already holds is adopted.
 * Removing the resource keeps the role when another resource in the same update grants it to the same admin.
 *
 * @example
 * ```ts
 * import * as jc from "pulumi-jumpcloud-access";
 * new jc.AdminRoleGrant("bob-help-desk", { adminEmail: "bob@acme.example", roleName: "Help Desk" });
 * ```
 */
export class AdminRoleGrant extends KindResource {
  declare readonly adminId: pulumi.Output<AdminRoleGrantOutputs["adminId"]>;
  declare readonly adminEmail: pulumi.Output<AdminRoleGrantOutputs["adminEmail"]>;
  declare readonly roleId: pulumi.Output<AdminRoleGrantOutputs["roleId"]>;
  declare readonly roleName: pulumi.Output<AdminRoleGrantOutputs["roleName"]>;
  /** The fallback role's name, as JumpCloud spells it. */
  declare readonly revokeTo: pulumi.Output<AdminRoleGrantOutputs["revokeTo"]>;
  declare readonly revokeToId: pulumi.Output<AdminRoleGrantOutputs["revokeToId"]>;
  declare readonly allowCustomRevokeTo: pulumi.Output<AdminRoleGrantOutputs["allowCustomRevokeTo"]>;
  declare readonly adopted: pulumi.Output<AdminRoleGrantOutputs["adopted"]>;
  declare readonly orgId: pulumi.Output<AdminRoleGrantOutputs["orgId"]>;

  constructor(name: string, args: AdminRoleGrantArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "admin-role-grant",
      "AdminRoleGrant",
      name,
      {
        ...outputNames(adminRoleGrantOutputs),
        ...args,
      },
      opts,
    );
    warnOnLookAlikeAddresses(this, "adminEmail", args.adminEmail);
  }
}

import type * as pulumi from "@pulumi/pulumi";
import { type AdminRolesOutputs, adminRolesOutputs } from "../provider/resources/admin-roles";
import { warnOnLookAlikeAddresses } from "./look-alike-warnings";
import { outputNames } from "./output-names";
import { refuseUnsendableKeys } from "./set-keys";
import { KindResource } from "./shim";
import type { GrantEntry } from "./grant-entry";

/** What one role of an `AdminRoles` carries. Every field is optional: `{}` grants the role with no notes. */
export type AdminRoleEntry = GrantEntry;

export interface AdminRolesArgs {
  /** The administrator account's id. Give exactly one of `adminId` and `adminEmail`. */
  adminId?: pulumi.Input<string>;
  /** The administrator account's email (admin accounts are separate from system users; compared ignoring case). */
  adminEmail?: pulumi.Input<string>;
  /**
   * The roles, keyed by role name (built-in or custom, compared ignoring case) or role id, each with optional notes:
   * `{ "Help Desk": {}, "Manager": { ticket: "OPS-1234" } }`. Keyed, so `pulumi preview --diff` names each role
   * added or removed. Each role once.
   */
  roles: pulumi.Input<{ [roleName: string]: AdminRoleEntry }>;
  /**
   * Own the admin's whole role set: any role not listed is REMOVED on the next `pulumi up`, including roles given in
   * the console. Off by default, in which case only the listed roles are managed. An exclusive set refuses any other
   * `AdminRoles` or `AdminRoleGrant` on the same admin.
   */
  exclusive?: pulumi.Input<boolean>;
  /**
   * The role (name or id) the admin is moved to when the roles this resource revokes were the admin's last:
   * JumpCloud admins always hold a role. Defaults to "Read Only". It must have no more privileges than any listed
   * role in JumpCloud's built-in order (Administrator With Billing, Administrator, Manager, Command Runner With
   * Billing, Command Runner, Help Desk, Billing Only, Read Only).
   */
  revokeTo?: pulumi.Input<string>;
  /**
   * Accept a `revokeTo` whose privileges cannot be compared with a listed role's: a custom role as `revokeTo`, or a
   * built-in role other than "Read Only" when a listed role is custom. Off by default.
   */
  allowCustomRevokeTo?: pulumi.Input<boolean>;
  /** The organization (multi-tenant keys); defaults to `jumpcloud:orgId`. */
  orgId?: pulumi.Input<string>;
}

/**
 * One JumpCloud administrator account's set of roles. Id `<adminId>`.
 *
 * Adding a role to the map grants it, removing one revokes it; a role the admin already holds is adopted, and nothing
 * else the admin holds is touched unless `exclusive` is set. Every change is one read-modify-write of the admin,
 * serialized per admin. Revoking the admin's last role (removing the resource, or the last entry, or its expiry)
 * moves the admin to `revokeTo`, never to a role with more privileges, and the engine's output says so; a fallback
 * role the admin held before is kept. A refresh reports listed roles removed outside this program in
 * `missingRoles` and, when exclusive, roles added outside it in `extraRoles`; the next `up` restores the set. A role
 * another resource of the same update declares (an `AdminRoleGrant`, another non-exclusive `AdminRoles`) is never
 * revoked by this one.
 *
 * @example
 * ```ts
 * import * as jc from "pulumi-jumpcloud-access";
 * new jc.AdminRoles("bob", {
 *   adminEmail: "bob@acme.example",
 *   roles: { "Help Desk": {}, Manager: { ticket: "OPS-1234", expires: "2026-12-31T18:00:00Z" } },
 * });
 * ```
 */
export class AdminRoles extends KindResource {
  declare readonly adminId: pulumi.Output<AdminRolesOutputs["adminId"]>;
  declare readonly adminEmail: pulumi.Output<AdminRolesOutputs["adminEmail"]>;
  /** The role ids this resource owns (listed and not expired), sorted. */
  declare readonly roleIds: pulumi.Output<AdminRolesOutputs["roleIds"]>;
  /** The names of `roleIds`, in the same order, as JumpCloud spells them. */
  declare readonly roleNames: pulumi.Output<AdminRolesOutputs["roleNames"]>;
  /** The access-graph grant ids (`<adminId>/<roleId>`) this resource owns. */
  declare readonly grantIds: pulumi.Output<AdminRolesOutputs["grantIds"]>;
  /** Listed roles JumpCloud no longer shows on the admin (after a refresh), by name. */
  declare readonly missingRoles: pulumi.Output<AdminRolesOutputs["missingRoles"]>;
  /** Roles the admin holds that are not listed (exclusive only, after a refresh), by name. */
  declare readonly extraRoles: pulumi.Output<AdminRolesOutputs["extraRoles"]>;
  declare readonly exclusive: pulumi.Output<AdminRolesOutputs["exclusive"]>;
  /** The fallback role's name, as JumpCloud spells it. */
  declare readonly revokeTo: pulumi.Output<AdminRolesOutputs["revokeTo"]>;
  declare readonly revokeToId: pulumi.Output<AdminRolesOutputs["revokeToId"]>;
  declare readonly allowCustomRevokeTo: pulumi.Output<AdminRolesOutputs["allowCustomRevokeTo"]>;
  /** True when the admin already held every listed role when this resource was created. */
  declare readonly adopted: pulumi.Output<AdminRolesOutputs["adopted"]>;
  declare readonly orgId: pulumi.Output<AdminRolesOutputs["orgId"]>;

  constructor(name: string, args: AdminRolesArgs, opts?: pulumi.CustomResourceOptions) {
    refuseUnsendableKeys("AdminRoles", name, "roles", args.roles);
    super("admin-roles", "AdminRoles", name, { ...outputNames(adminRolesOutputs), ...args }, opts);
    warnOnLookAlikeAddresses(this, "adminEmail", args.adminEmail);
  }
}
